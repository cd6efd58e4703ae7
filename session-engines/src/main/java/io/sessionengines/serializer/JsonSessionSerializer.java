package io.sessionengines.serializer;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Django's default {@code JSONSerializer}: compact JSON with every non-ASCII character
 * escaped, read back as latin-1, so that Django and this library can read each other's
 * session data.
 * <p>
 * Session values are JSON values: {@code null}, strings, booleans, numbers, lists and
 * maps with string keys, nested freely.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public final class JsonSessionSerializer implements SessionSerializer {

	private static final ObjectMapper MAPPER = JsonMapper.builder()
		.enable(JsonWriteFeature.ESCAPE_NON_ASCII)
		.disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
		.disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
		.build();

	@Override
	public byte[] serialize(Map<String, @Nullable Object> data) {
		return MAPPER.writeValueAsBytes(data);
	}

	@Override
	@SuppressWarnings("unchecked")
	public Map<String, @Nullable Object> deserialize(byte[] bytes) {
		// Django writes ASCII and reads the bytes as latin-1
		String json = new String(bytes, StandardCharsets.ISO_8859_1);
		try {
			Object value = MAPPER.readValue(json, Object.class);
			if (value instanceof Map<?, ?> map) {
				return (Map<String, @Nullable Object>) map;
			}
			throw new SessionSerializationException("Session data is not a JSON object");
		}
		catch (JacksonException ex) {
			throw new SessionSerializationException("Session data is not valid JSON", ex);
		}
	}

	@Override
	public void checkValue(@Nullable Object value) {
		if (value == null || value instanceof String || value instanceof Boolean || isJsonNumber(value)) {
			return;
		}
		if (value instanceof Collection<?> collection) {
			collection.forEach(this::checkValue);
			return;
		}
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, nested) -> {
				if (!(key instanceof String)) {
					throw new IllegalArgumentException(
							"Session values must be JSON values: map keys must be strings, not " + typeOf(key));
				}
				checkValue(nested);
			});
			return;
		}
		throw new IllegalArgumentException("Session values must be JSON values (null, string, number, boolean, "
				+ "list or map with string keys), not " + typeOf(value));
	}

	private static boolean isJsonNumber(Object value) {
		if (value instanceof Double number) {
			return Double.isFinite(number);
		}
		if (value instanceof Float number) {
			return Float.isFinite(number);
		}
		return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
				|| value instanceof BigInteger || value instanceof BigDecimal;
	}

	private static String typeOf(@Nullable Object value) {
		return (value != null) ? value.getClass().getName() : "null";
	}

}
