package io.sessionengines.testsupport;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.sessionengines.serializer.JsonSessionSerializer;
import org.jspecify.annotations.Nullable;

/**
 * Plain JSON values shaped to be mistaken for typed ones: maps holding
 * {@value JsonSessionSerializer#TYPE_PROPERTY} at any depth with allow-listed and other
 * class names, Jackson's {@code [class, value]} array shape, and the serializer's own
 * reserved key nested inside values. Every value uses only the Java types JSON reads back
 * ({@code Integer}, {@code Double}, {@code String}, {@code Boolean}, {@code null},
 * {@code List}, {@code Map}), so a round trip must return an equal value.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public final class HostileValues {

	private static final List<String> CLASS_NAMES = List.of(TypedTestValues.Badge.class.getName(),
			"org.springframework.security.core.context.SecurityContextImpl",
			"org.springframework.security.authentication.UsernamePasswordAuthenticationToken",
			"org.springframework.security.core.userdetails.User",
			"org.springframework.security.web.csrf.DefaultCsrfToken",
			"org.springframework.security.web.savedrequest.DefaultSavedRequest",
			"org.springframework.security.authentication.BadCredentialsException", "java.util.HashMap",
			"java.util.ArrayList", "java.net.URL", "java.lang.ProcessBuilder");

	private final Random random;

	/**
	 * Create a generator.
	 * @param seed the seed, so that a failure can be replayed
	 */
	public HostileValues(long seed) {
		this.random = new Random(seed);
	}

	/**
	 * Return the next hostile value: a map, most of the time with
	 * {@value JsonSessionSerializer#TYPE_PROPERTY} at its top level.
	 * @return the value
	 */
	public Map<String, @Nullable Object> nextMap() {
		return map(0);
	}

	/**
	 * Return a map shaped exactly like a typed {@link TypedTestValues.Badge}.
	 * @return the value
	 */
	public static Map<String, @Nullable Object> badgeShapedMap() {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		map.put(JsonSessionSerializer.TYPE_PROPERTY, TypedTestValues.Badge.class.getName());
		map.put("name", "admin");
		map.put("level", 99);
		return map;
	}

	private Map<String, @Nullable Object> map(int depth) {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		if (depth == 0 || this.random.nextInt(3) > 0) {
			map.put(JsonSessionSerializer.TYPE_PROPERTY, className());
		}
		int size = this.random.nextInt(4);
		for (int i = 0; i < size; i++) {
			map.put(fieldName(), value(depth + 1));
		}
		return map;
	}

	private @Nullable Object value(int depth) {
		int choice = this.random.nextInt((depth > 6) ? 5 : 9);
		return switch (choice) {
			case 0 -> null;
			case 1 -> this.random.nextInt();
			case 2 -> this.random.nextBoolean();
			case 3 -> (this.random.nextInt(4) == 0) ? this.random.nextDouble() * 1e6 : className();
			case 4 -> "@class";
			case 5, 6 -> map(depth);
			case 7 -> typedArrayShape(depth);
			default -> list(depth);
		};
	}

	private List<@Nullable Object> typedArrayShape(int depth) {
		List<@Nullable Object> shape = new ArrayList<>();
		shape.add(className());
		shape.add((this.random.nextBoolean()) ? map(depth) : value(depth));
		return shape;
	}

	private List<@Nullable Object> list(int depth) {
		List<@Nullable Object> list = new ArrayList<>();
		int size = this.random.nextInt(4);
		for (int i = 0; i < size; i++) {
			list.add(value(depth + 1));
		}
		return list;
	}

	private String className() {
		return CLASS_NAMES.get(this.random.nextInt(CLASS_NAMES.size()));
	}

	private String fieldName() {
		return switch (this.random.nextInt(6)) {
			case 0 -> JsonSessionSerializer.TYPE_PROPERTY;
			case 1 -> JsonSessionSerializer.TYPED_KEYS;
			case 2 -> "authentication";
			case 3 -> "principal";
			default -> "f" + this.random.nextInt(100);
		};
	}

	/**
	 * Return whether a value holds only the Java types that JSON reads back, at every
	 * depth: nothing of it became an object of another class.
	 * @param value the value
	 * @return whether it is plain
	 */
	public static boolean isPlain(@Nullable Object value) {
		if (value instanceof List<?> list) {
			return list.stream().allMatch(HostileValues::isPlain);
		}
		if (value instanceof Map<?, ?> map) {
			return map.keySet().stream().allMatch(String.class::isInstance)
					&& map.values().stream().allMatch(HostileValues::isPlain);
		}
		return value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
				|| value instanceof Long || value instanceof Double || value instanceof BigInteger;
	}

}
