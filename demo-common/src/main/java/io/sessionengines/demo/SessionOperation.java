package io.sessionengines.demo;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.session.Session;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.util.Assert;

/**
 * One operation of {@code POST /api/ops}, such as
 * {@code {"op":"set","key":"a","value":1}}. Operations are parsed and checked all
 * together before any of them runs, so that a bad list leaves the session untouched.
 *
 * @author Session Engines contributors
 */
final class SessionOperation {

	static final long MAX_SLEEP_MILLIS = 5000;

	private final Type type;

	private final @Nullable String key;

	private final @Nullable Object value;

	private SessionOperation(Type type, @Nullable String key, @Nullable Object value) {
		this.type = type;
		this.key = key;
		this.value = value;
	}

	/**
	 * Parse and check a list of operations.
	 * @param operations the request body: a JSON array of operations
	 * @param mapper the mapper that turns JSON values into session values
	 * @return the operations, in order
	 * @throws InvalidOperationException if the list or one of its operations is invalid
	 */
	static List<SessionOperation> parseAll(JsonNode operations, ObjectMapper mapper) {
		if (!operations.isArray()) {
			throw new InvalidOperationException("The body must be a JSON array of operations");
		}
		List<SessionOperation> parsed = new ArrayList<>();
		for (int index = 0; index < operations.size(); index++) {
			parsed.add(parse(operations.get(index), index, mapper));
		}
		return parsed;
	}

	private static SessionOperation parse(JsonNode operation, int index, ObjectMapper mapper) {
		if (!operation.isObject()) {
			throw invalid(index, "must be a JSON object");
		}
		String name = requiredString(operation, "op", index);
		Type type = Type.named(name);
		if (type == null) {
			throw invalid(index, "unknown op '" + name + "'; expected one of "
					+ Arrays.stream(Type.values()).map(Type::toString).toList());
		}
		String key = type.needsKey ? requiredString(operation, "key", index) : null;
		if (type.writes && key != null && FrameworkSessionKeys.isOwned(key)) {
			throw invalid(index, "'" + key + "' is a key the framework owns; it cannot be written through this API");
		}
		Object value = switch (type) {
			case SET, SET_DEFAULT -> sessionValue(required(operation, "value", index), index, mapper);
			case EXPIRY -> expiry(required(operation, "value", index), index);
			case SLEEP -> sleepMillis(required(operation, "ms", index), index);
			default -> null;
		};
		return new SessionOperation(type, key, value);
	}

	private static JsonNode required(JsonNode operation, String field, int index) {
		JsonNode value = operation.get(field);
		if (value == null) {
			throw invalid(index, "'" + field + "' is required");
		}
		return value;
	}

	private static String requiredString(JsonNode operation, String field, int index) {
		JsonNode value = required(operation, field, index);
		if (!value.isString()) {
			throw invalid(index, "'" + field + "' must be a string");
		}
		return value.stringValue();
	}

	private static @Nullable Object sessionValue(JsonNode value, int index, ObjectMapper mapper) {
		checkNumbers(value, index);
		return mapper.treeToValue(value, Object.class);
	}

	/**
	 * A session holds JSON numbers as Python does: a number beyond the range of a double
	 * (such as {@code 1e309}, read as infinity) has no JSON form, so it is refused before
	 * anything runs. A decimal is judged by its exponent, never expanded.
	 */
	private static void checkNumbers(JsonNode value, int index) {
		if (value.isNumber() && !isStorable(value)) {
			throw invalid(index,
					"'value' holds a number a session cannot store (beyond the range of a double, " + "about 1.8e308)");
		}
		for (JsonNode element : value) {
			checkNumbers(element, index);
		}
	}

	private static boolean isStorable(JsonNode number) {
		if (number.isBigDecimal()) {
			// digits before the point, from the exponent: a double ends below 10^309
			BigDecimal decimal = number.decimalValue();
			return decimal.signum() == 0
					|| (decimal.precision() - decimal.scale() <= 309 && Double.isFinite(decimal.doubleValue()));
		}
		return !number.isFloatingPointNumber() || Double.isFinite(number.doubleValue());
	}

	private static @Nullable Object expiry(JsonNode value, int index) {
		if (value.isNull()) {
			return null;
		}
		if (value.isIntegralNumber() && value.canConvertToLong()) {
			return value.longValue();
		}
		if (value.isString()) {
			try {
				return OffsetDateTime.parse(value.stringValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
			}
			catch (DateTimeParseException ex) {
				throw invalid(index, "'value' is not an ISO-8601 instant with an offset, such as "
						+ "2026-11-21T00:30:09Z: " + value.stringValue());
			}
		}
		throw invalid(index, "'value' must be a whole number of seconds, null or an ISO-8601 instant");
	}

	private static long sleepMillis(JsonNode ms, int index) {
		if (!ms.isIntegralNumber() || !ms.canConvertToLong() || ms.longValue() < 0
				|| ms.longValue() > MAX_SLEEP_MILLIS) {
			throw invalid(index, "'ms' must be a whole number from 0 to " + MAX_SLEEP_MILLIS);
		}
		return ms.longValue();
	}

	private static InvalidOperationException invalid(int index, String problem) {
		return new InvalidOperationException("operations[" + index + "]: " + problem);
	}

	/**
	 * Return whether the operation may block: a flush or a cycle writes to the store, a
	 * sleep waits.
	 * @return whether to run it where blocking is allowed
	 */
	boolean mayBlock() {
		return this.type.mayBlock;
	}

	/**
	 * Run the operation.
	 * @param session the request's session
	 * @return the result: what the Django equivalent returns, {@code null} for nothing
	 */
	@Nullable Object applyTo(Session session) {
		return switch (this.type) {
			case GET -> session.get(key());
			case SET -> {
				session.set(key(), this.value);
				yield null;
			}
			case POP -> session.pop(key());
			case SET_DEFAULT -> session.setDefault(key(), this.value);
			case CONTAINS -> session.contains(key());
			case KEYS -> new ArrayList<>(session.keys());
			case CLEAR -> {
				session.clear();
				yield null;
			}
			case FLUSH -> {
				session.flush();
				yield null;
			}
			case CYCLE -> {
				session.cycleKey();
				yield null;
			}
			case EXPIRY -> {
				setExpiry(session);
				yield null;
			}
			case EXPIRY_INFO -> expiryInfo(session);
			case MODIFIED -> {
				session.setModified(true);
				yield null;
			}
			case KEY -> session.getSessionKey();
			case SET_TEST_COOKIE -> {
				session.setTestCookie();
				yield null;
			}
			case TEST_COOKIE_WORKED -> session.testCookieWorked();
			case SLEEP -> {
				sleep();
				yield null;
			}
		};
	}

	private String key() {
		Assert.state(this.key != null, "'key' must not be null");
		return this.key;
	}

	private void setExpiry(Session session) {
		if (this.value instanceof Long seconds) {
			session.setExpiry(seconds);
		}
		else if (this.value instanceof Instant date) {
			session.setExpiry(date);
		}
		else {
			session.clearExpiry();
		}
	}

	private static Map<String, Object> expiryInfo(Session session) {
		Map<String, Object> info = new LinkedHashMap<>();
		info.put("age", session.getExpiryAge());
		info.put("date", SessionExpiry.format(session.getExpiryDate()));
		info.put("browserClose", session.isExpireAtBrowserClose());
		return info;
	}

	private void sleep() {
		Assert.state(this.value instanceof Long, "'value' must be the milliseconds to sleep");
		try {
			Thread.sleep((Long) this.value);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while sleeping", ex);
		}
	}

	/**
	 * The operations, by the name a request gives them.
	 */
	enum Type {

		GET("get", true, false, false),

		SET("set", true, true, false),

		POP("pop", true, true, false),

		SET_DEFAULT("setdefault", true, true, false),

		CONTAINS("contains", true, false, false),

		KEYS("keys", false, false, false),

		CLEAR("clear", false, false, false),

		FLUSH("flush", false, false, true),

		CYCLE("cycle", false, false, true),

		EXPIRY("expiry", false, false, false),

		EXPIRY_INFO("expiry-info", false, false, false),

		MODIFIED("modified", false, false, false),

		KEY("key", false, false, false),

		SET_TEST_COOKIE("set-test-cookie", false, false, false),

		TEST_COOKIE_WORKED("test-cookie-worked", false, false, false),

		SLEEP("sleep", false, false, true);

		private final String name;

		private final boolean needsKey;

		/**
		 * Whether the operation writes the value under its key.
		 */
		private final boolean writes;

		/**
		 * Whether the operation may block: it writes to the store or waits.
		 */
		private final boolean mayBlock;

		Type(String name, boolean needsKey, boolean writes, boolean mayBlock) {
			this.name = name;
			this.needsKey = needsKey;
			this.writes = writes;
			this.mayBlock = mayBlock;
		}

		static @Nullable Type named(String name) {
			return Arrays.stream(values()).filter((type) -> type.name.equals(name)).findFirst().orElse(null);
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

}
