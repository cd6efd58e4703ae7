package io.sessionengines.serializer;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;

/**
 * Django's default {@code JSONSerializer}: compact JSON with every non-ASCII character
 * escaped, read back as latin-1, so that Django and this library can read each other's
 * session data.
 * <p>
 * Session values are JSON values: {@code null}, strings, booleans, numbers, lists and
 * maps with string keys, nested freely. A serializer can also be given typed values:
 * objects of an allow-list of types (such as Spring Security's context), stored as JSON
 * objects that name their class in {@value #TYPE_PROPERTY} and read back only if the
 * typed-value mapper's polymorphic type validator allows that class. Plain values stay
 * plain, so the data stays readable by Django.
 * <p>
 * Which values are typed is recorded out of band, in the list of keys stored under
 * {@value #TYPED_KEYS}, never guessed from a value's shape: a plain map that holds
 * {@value #TYPE_PROPERTY}, at any depth, is read back as the same plain map, so nothing a
 * client can put into a plain value becomes an object. {@value #TYPED_KEYS} itself is
 * reserved: a session cannot hold a value under it.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public final class JsonSessionSerializer implements SessionSerializer {

	/**
	 * The property that names the class of a typed value.
	 */
	public static final String TYPE_PROPERTY = "@class";

	/**
	 * The reserved session key under which the keys of typed values are stored.
	 */
	public static final String TYPED_KEYS = "_session_typed";

	private static final ObjectMapper MAPPER = JsonMapper.builder()
		.enable(JsonWriteFeature.ESCAPE_NON_ASCII)
		.disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
		.disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
		.build();

	private final @Nullable ObjectMapper typedValueMapper;

	private final List<Class<?>> typedValueTypes;

	/**
	 * Create a serializer of plain JSON values, as Django's.
	 */
	public JsonSessionSerializer() {
		this.typedValueMapper = null;
		this.typedValueTypes = List.of();
	}

	/**
	 * Create a serializer that also stores values of the given types (and their subtypes)
	 * at the top level of the session.
	 * @param typedValueMapper the mapper that writes typed values with their class in
	 * {@value #TYPE_PROPERTY} and reads them back, validating the class (for example one
	 * with Spring Security's Jackson modules)
	 * @param typedValueTypes the types a session may hold besides JSON values; the
	 * mapper's type validator must allow them
	 */
	public JsonSessionSerializer(ObjectMapper typedValueMapper, Collection<Class<?>> typedValueTypes) {
		Assert.notNull(typedValueMapper, "'typedValueMapper' must not be null");
		Assert.notNull(typedValueTypes, "'typedValueTypes' must not be null");
		this.typedValueMapper = typedValueMapper;
		this.typedValueTypes = List.copyOf(typedValueTypes);
	}

	@Override
	public byte[] serialize(Map<String, @Nullable Object> data) {
		if (this.typedValueMapper == null && !data.containsKey(TYPED_KEYS)) {
			return MAPPER.writeValueAsBytes(data);
		}
		Map<String, @Nullable Object> written = new LinkedHashMap<>();
		List<String> typedKeys = new ArrayList<>();
		for (Map.Entry<String, @Nullable Object> entry : data.entrySet()) {
			String key = entry.getKey();
			Object value = entry.getValue();
			if (key.equals(TYPED_KEYS)) {
				// written by this serializer only: Session.set refuses the key
				continue;
			}
			if (this.typedValueMapper != null && isTypedValue(value)) {
				typedKeys.add(key);
				written.put(key, this.typedValueMapper.valueToTree(value));
			}
			else {
				written.put(key, value);
			}
		}
		if (!typedKeys.isEmpty()) {
			written.put(TYPED_KEYS, typedKeys);
		}
		return MAPPER.writeValueAsBytes(written);
	}

	@Override
	@SuppressWarnings("unchecked")
	public Map<String, @Nullable Object> deserialize(byte[] bytes) {
		// Django writes ASCII and reads the bytes as latin-1
		String json = new String(bytes, StandardCharsets.ISO_8859_1);
		try {
			if (this.typedValueMapper == null) {
				Object value = MAPPER.readValue(json, Object.class);
				if (!(value instanceof Map<?, ?> map)) {
					throw new SessionSerializationException("Session data is not a JSON object");
				}
				map.remove(TYPED_KEYS);
				return (Map<String, @Nullable Object>) map;
			}
			return readWithTypedValues(MAPPER.readTree(json), this.typedValueMapper);
		}
		catch (JacksonException ex) {
			throw new SessionSerializationException("Session data is not valid JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	private static Map<String, @Nullable Object> readWithTypedValues(@Nullable JsonNode root,
			ObjectMapper typedValueMapper) {
		if (root == null || !root.isObject()) {
			throw new SessionSerializationException("Session data is not a JSON object");
		}
		Set<String> typedKeys = typedKeys(root.get(TYPED_KEYS));
		Map<String, @Nullable Object> data = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> field : root.properties()) {
			String key = field.getKey();
			if (!key.equals(TYPED_KEYS)) {
				ObjectMapper reader = typedKeys.contains(key) ? typedValueMapper : MAPPER;
				data.put(key, reader.treeToValue(field.getValue(), Object.class));
			}
		}
		return data;
	}

	private static Set<String> typedKeys(@Nullable JsonNode node) {
		if (node == null) {
			return Set.of();
		}
		if (!node.isArray()) {
			throw new SessionSerializationException("Session data holds a malformed " + TYPED_KEYS);
		}
		Set<String> keys = new HashSet<>();
		for (JsonNode key : node) {
			if (!key.isString()) {
				throw new SessionSerializationException("Session data holds a malformed " + TYPED_KEYS);
			}
			keys.add(key.asString());
		}
		return keys;
	}

	@Override
	public void checkKey(String key) {
		if (TYPED_KEYS.equals(key)) {
			throw new IllegalArgumentException(
					"The session key '" + TYPED_KEYS + "' is reserved: it records which values are typed");
		}
	}

	@Override
	public void checkValue(@Nullable Object value) {
		if (!isTypedValue(value)) {
			checkJsonValue(value);
		}
	}

	private boolean isTypedValue(@Nullable Object value) {
		return value != null && this.typedValueTypes.stream().anyMatch((type) -> type.isInstance(value));
	}

	private String typedValuesHint() {
		return this.typedValueTypes.isEmpty() ? ""
				: " or, at the top level, one of " + this.typedValueTypes.stream().map(Class::getName).toList();
	}

	private void checkJsonValue(@Nullable Object value) {
		if (value == null || value instanceof String || value instanceof Boolean || isJsonNumber(value)) {
			return;
		}
		if (value instanceof Collection<?> collection) {
			collection.forEach(this::checkJsonValue);
			return;
		}
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, nested) -> {
				if (!(key instanceof String)) {
					throw new IllegalArgumentException(
							"Session values must be JSON values: map keys must be strings, not " + typeOf(key));
				}
				checkJsonValue(nested);
			});
			return;
		}
		throw new IllegalArgumentException("Session values must be JSON values (null, string, number, boolean, "
				+ "list or map with string keys)" + typedValuesHint() + ", not " + typeOf(value));
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
