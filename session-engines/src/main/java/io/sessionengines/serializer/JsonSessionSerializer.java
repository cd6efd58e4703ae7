package io.sessionengines.serializer;

import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;

/**
 * Django's default {@code JSONSerializer}: compact JSON with every non-ASCII character
 * escaped, read back as latin-1, so that Django and this library can read each other's
 * session data. Floats are written as Python writes them ({@code 1e+16}, {@code 100.0}),
 * and {@code NaN}, {@code Infinity} and {@code -Infinity} are read and written unquoted,
 * as Python's {@code json} does, so that data read from Django is written back byte for
 * byte.
 * <p>
 * Session values are JSON values: {@code null}, strings, booleans, numbers, lists and
 * maps with string keys, nested freely. A serializer can also be given typed values:
 * objects of an allow-list of types (such as Spring Security's context), stored as JSON
 * objects that name their class in {@value #TYPE_PROPERTY} and read back only if the
 * typed-value mapper's polymorphic type validator allows that class. Plain values stay
 * plain, so the data stays readable by Django.
 * <p>
 * Which values are typed, and of which class, is recorded out of band, in the map of keys
 * to class names stored under {@value #TYPED_KEYS}, never guessed from a value's shape: a
 * plain map that holds {@value #TYPE_PROPERTY}, at any depth, is read back as the same
 * plain map, so nothing a client can put into a plain value becomes an object.
 * {@value #TYPED_KEYS} itself is reserved: a session cannot hold a value under it.
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
	 * The reserved session key under which the keys of typed values are stored, each with
	 * the name of its value's class.
	 */
	public static final String TYPED_KEYS = "_session_typed";

	/**
	 * Reads and writes JSON as Python's {@code json} module does: {@code NaN} and
	 * {@code Infinity} unquoted, floats as Python writes them.
	 */
	private static final ObjectMapper MAPPER = JsonMapper.builder()
		.enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
		.enable(JsonWriteFeature.ESCAPE_NON_ASCII)
		.disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
		.disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
		.disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
		.addModule(PythonFloatSerializer.module())
		.build();

	/**
	 * The classes of the plain values Jackson reads JSON as (besides {@code null}), with
	 * {@code BigDecimal} for numbers it may read so.
	 */
	private static final List<Class<?>> PLAIN_VALUE_CLASSES = List.of(LinkedHashMap.class, ArrayList.class,
			String.class, Boolean.class, Integer.class, Long.class, BigInteger.class, Double.class, BigDecimal.class);

	/**
	 * The most characters a number of a plain type takes in JSON: {@code Long.MIN_VALUE}
	 * has 20, a {@code double} at most 24 (as Python writes it:
	 * {@code -2.2250738585072014e-308}), {@code -Infinity} 9.
	 */
	private static final int NUMBER_SIZE_BOUND = 24;

	/**
	 * How deeply nested a value {@link #serializedSizeBound} follows.
	 */
	private static final int SIZE_BOUND_DEPTH = 32;

	/**
	 * What {@link #readBackValue} answers for a value it cannot copy as read back.
	 */
	private static final Object NOT_PLAIN = new Object();

	private final @Nullable ObjectMapper typedValueMapper;

	private final List<Class<?>> typedValueTypes;

	private final List<String> typedValuePackages;

	/**
	 * Whether values of a class are typed values, which depends on the class alone: asked
	 * for every value set and saved, it is worked out once per class.
	 */
	private final ClassValue<Boolean> typedClasses = new ClassValue<>() {

		@Override
		protected Boolean computeValue(Class<?> type) {
			String className = type.getName();
			return JsonSessionSerializer.this.typedValuePackages.stream().anyMatch(className::startsWith)
					|| JsonSessionSerializer.this.typedValueTypes.stream()
						.anyMatch((typed) -> typed.isAssignableFrom(type));
		}

	};

	private final @Nullable ClassLoader classLoader;

	/**
	 * Create a serializer of plain JSON values, as Django's.
	 */
	public JsonSessionSerializer() {
		this.typedValueMapper = null;
		this.typedValueTypes = List.of();
		this.typedValuePackages = List.of();
		this.classLoader = null;
	}

	/**
	 * Create a serializer that also stores values of the given types (and their subtypes)
	 * at the top level of the session.
	 * @param typedValueMapper the mapper that writes typed values and reads them back as
	 * their class, validating any polymorphic content (for example one with Spring
	 * Security's Jackson modules)
	 * @param typedValueTypes the types a session may hold besides JSON values
	 */
	public JsonSessionSerializer(ObjectMapper typedValueMapper, Collection<Class<?>> typedValueTypes) {
		this(typedValueMapper, typedValueTypes, List.of(), JsonSessionSerializer.class.getClassLoader());
	}

	/**
	 * Create a serializer that also stores values of the given types (and their
	 * subtypes), and of every class in the given packages, at the top level of the
	 * session.
	 * @param typedValueMapper the mapper that writes typed values and reads them back as
	 * their class, validating any polymorphic content (for example one with Spring
	 * Security's Jackson modules)
	 * @param typedValueTypes the types a session may hold besides JSON values
	 * @param typedValuePackages the packages (such as {@code java.time}) whose classes,
	 * and those of their subpackages, a session may hold besides JSON values
	 * @param classLoader the class loader of the typed values' classes
	 */
	public JsonSessionSerializer(ObjectMapper typedValueMapper, Collection<Class<?>> typedValueTypes,
			Collection<String> typedValuePackages, @Nullable ClassLoader classLoader) {
		Assert.notNull(typedValueMapper, "'typedValueMapper' must not be null");
		Assert.notNull(typedValueTypes, "'typedValueTypes' must not be null");
		Assert.notNull(typedValuePackages, "'typedValuePackages' must not be null");
		this.typedValueMapper = typedValueMapper;
		this.typedValueTypes = List.copyOf(typedValueTypes);
		this.typedValuePackages = typedValuePackages.stream().map((name) -> name + ".").toList();
		this.classLoader = classLoader;
	}

	@Override
	public byte[] serialize(Map<String, @Nullable Object> data) {
		if (this.typedValueMapper == null && !data.containsKey(TYPED_KEYS)) {
			return MAPPER.writeValueAsBytes(data);
		}
		Map<String, @Nullable Object> written = new LinkedHashMap<>();
		Map<String, String> typedKeys = new LinkedHashMap<>();
		for (Map.Entry<String, @Nullable Object> entry : data.entrySet()) {
			String key = entry.getKey();
			Object value = entry.getValue();
			if (key.equals(TYPED_KEYS)) {
				// written by this serializer only: Session.set refuses the key
				continue;
			}
			if (this.typedValueMapper != null && value != null && isTypedValue(value)) {
				typedKeys.put(key, value.getClass().getName());
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

	/**
	 * Return an upper bound of the serialized length when every value is a plain JSON
	 * value (strings, booleans, {@code null}, numbers of the primitive types' wrappers,
	 * and maps with string keys, lists and sets of them) and the bound is within the
	 * limit; else {@code -1}. The JSON is compact, and a character of a string takes at
	 * most six bytes (a backslash, {@code u} and four hexadecimal digits). Every value
	 * visited adds at least two bytes, so the walk visits at most half the limit's
	 * values, however often a value is shared.
	 */
	@Override
	public long serializedSizeBound(Map<String, @Nullable Object> data, long limit) {
		return data.containsKey(TYPED_KEYS) ? -1 : objectSizeBound(data, limit, 0);
	}

	private static long sizeBound(@Nullable Object value, long limit, int depth) {
		long size;
		if (value == null || value instanceof Boolean) {
			size = 5;
		}
		else if (value instanceof String string) {
			size = stringSizeBound(string);
		}
		else if (value instanceof Integer || value instanceof Long || value instanceof Double || value instanceof Float
				|| value instanceof Short || value instanceof Byte) {
			size = NUMBER_SIZE_BOUND;
		}
		else if (depth < SIZE_BOUND_DEPTH && value instanceof Map<?, ?> map) {
			return objectSizeBound(map, limit, depth + 1);
		}
		else if (depth < SIZE_BOUND_DEPTH && (value instanceof List<?> || value instanceof Set<?>)) {
			return listSizeBound((Collection<?>) value, limit, depth + 1);
		}
		else {
			return -1;
		}
		return (size <= limit) ? size : -1;
	}

	private static long listSizeBound(Collection<?> list, long limit, int depth) {
		long size = 2;
		for (Object element : list) {
			// the element and a comma
			long elementSize = sizeBound(element, limit - size - 1, depth);
			if (elementSize < 0) {
				return -1;
			}
			size += elementSize + 1;
		}
		return (size <= limit) ? size : -1;
	}

	private static long objectSizeBound(Map<?, ?> map, long limit, int depth) {
		long size = 2;
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			if (!(entry.getKey() instanceof String key)) {
				return -1;
			}
			// the key, a colon, the value and a comma
			long keySize = stringSizeBound(key) + 1;
			long valueSize = sizeBound(entry.getValue(), limit - size - keySize - 1, depth);
			if (valueSize < 0) {
				return -1;
			}
			size += keySize + valueSize + 1;
		}
		return (size <= limit) ? size : -1;
	}

	private static long stringSizeBound(String string) {
		return 2 + 6L * string.length();
	}

	/**
	 * Copy plain JSON values as reading them back gives them: maps with string keys as
	 * {@code LinkedHashMap}, lists and sets as {@code ArrayList}, whole numbers as
	 * {@code Integer} when they fit one (as Jackson reads them), strings, booleans,
	 * doubles and {@code null} as they are. Anything else (typed values, floats, big
	 * numbers, arrays, nesting deeper than the size bound follows) answers {@code null},
	 * and the caller serializes.
	 */
	@Override
	public @Nullable Map<String, @Nullable Object> readBackCopy(Map<String, @Nullable Object> data) {
		if (data.containsKey(TYPED_KEYS)) {
			return null;
		}
		if (this.typedValueMapper != null) {
			for (Object value : data.values()) {
				if (isTypedValue(value)) {
					return null;
				}
			}
		}
		return objectCopy(data, 0);
	}

	private static @Nullable Map<String, @Nullable Object> objectCopy(Map<?, ?> map, int depth) {
		Map<String, @Nullable Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			if (!(entry.getKey() instanceof String key)) {
				return null;
			}
			Object copied = readBackValue(entry.getValue(), depth);
			if (copied == NOT_PLAIN) {
				return null;
			}
			copy.put(key, copied);
		}
		return copy;
	}

	private static @Nullable Object readBackValue(@Nullable Object value, int depth) {
		if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
				|| value instanceof Double) {
			return value;
		}
		if (value instanceof Long number) {
			// not a conditional expression, which would make the Integer a Long again
			if (number == number.intValue()) {
				return number.intValue();
			}
			return number;
		}
		if (value instanceof Short || value instanceof Byte) {
			return ((Number) value).intValue();
		}
		if (depth < SIZE_BOUND_DEPTH && value instanceof Map<?, ?> map) {
			Map<String, @Nullable Object> copy = objectCopy(map, depth + 1);
			return (copy != null) ? copy : NOT_PLAIN;
		}
		if (depth < SIZE_BOUND_DEPTH && (value instanceof List<?> || value instanceof Set<?>)) {
			Collection<?> collection = (Collection<?>) value;
			List<@Nullable Object> copy = new ArrayList<>(collection.size());
			for (Object element : collection) {
				Object copied = readBackValue(element, depth + 1);
				if (copied == NOT_PLAIN) {
					return NOT_PLAIN;
				}
				copy.add(copied);
			}
			return copy;
		}
		return NOT_PLAIN;
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

	private Map<String, @Nullable Object> readWithTypedValues(@Nullable JsonNode root, ObjectMapper typedValueMapper) {
		if (root == null || !root.isObject()) {
			throw new SessionSerializationException("Session data is not a JSON object");
		}
		Map<String, Class<?>> typedKeys = typedKeys(root.get(TYPED_KEYS));
		Map<String, @Nullable Object> data = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> field : root.properties()) {
			String key = field.getKey();
			if (!key.equals(TYPED_KEYS)) {
				Class<?> type = typedKeys.get(key);
				data.put(key, (type != null) ? typedValueMapper.treeToValue(field.getValue(), type)
						: MAPPER.treeToValue(field.getValue(), Object.class));
			}
		}
		return data;
	}

	private Map<String, Class<?>> typedKeys(@Nullable JsonNode node) {
		if (node == null) {
			return Map.of();
		}
		if (!node.isObject()) {
			throw new SessionSerializationException("Session data holds a malformed " + TYPED_KEYS);
		}
		Map<String, Class<?>> keys = new HashMap<>();
		for (Map.Entry<String, JsonNode> typed : node.properties()) {
			if (!typed.getValue().isString()) {
				throw new SessionSerializationException("Session data holds a malformed " + TYPED_KEYS);
			}
			keys.put(typed.getKey(), allowedType(typed.getValue().asString()));
		}
		return keys;
	}

	/**
	 * Return the class of a stored typed value, if it is one this serializer may hold:
	 * the name is checked before the class is loaded, which it is without initializing
	 * it.
	 */
	private Class<?> allowedType(String className) {
		boolean inPackage = this.typedValuePackages.stream().anyMatch(className::startsWith);
		if (inPackage || this.typedValueTypes.stream().anyMatch((type) -> type.getName().equals(className))) {
			return load(className);
		}
		Class<?> type = load(className);
		if (this.typedValueTypes.stream().noneMatch((allowed) -> allowed.isAssignableFrom(type))) {
			throw new SessionSerializationException(
					"Session data holds a value of " + className + ", which is not an allowed typed value");
		}
		return type;
	}

	private Class<?> load(String className) {
		try {
			return Class.forName(className, false, this.classLoader);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			throw new SessionSerializationException("Session data holds a value of " + className
					+ ", a class that cannot be loaded (renamed or removed?)", ex);
		}
	}

	@Override
	public void checkKey(String key) {
		if (TYPED_KEYS.equals(key)) {
			throw new IllegalArgumentException(
					"The session key '" + TYPED_KEYS + "' is reserved: it records which values are typed");
		}
	}

	/**
	 * Return whether values read back may be instances of the given type: plain values
	 * are the classes Jackson reads JSON as; typed values are of an allowed type, of one
	 * of its subtypes (so any interface, for a type that is not final), or of any class
	 * in an allowed package.
	 */
	@Override
	public boolean mayRead(Class<?> type) {
		if (PLAIN_VALUE_CLASSES.stream().anyMatch(type::isAssignableFrom) || !this.typedValuePackages.isEmpty()) {
			return true;
		}
		return this.typedValueTypes.stream().anyMatch((allowed) -> mayHaveCommonInstances(allowed, type));
	}

	private static boolean mayHaveCommonInstances(Class<?> a, Class<?> b) {
		return a.isAssignableFrom(b) || b.isAssignableFrom(a)
				|| (a.isInterface() && !Modifier.isFinal(b.getModifiers()))
				|| (b.isInterface() && !Modifier.isFinal(a.getModifiers()));
	}

	@Override
	public void checkValue(@Nullable Object value) {
		if (!isTypedValue(value)) {
			checkJsonValue(value);
		}
	}

	private boolean isTypedValue(@Nullable Object value) {
		return value != null && this.typedClasses.get(value.getClass());
	}

	private String typedValuesHint() {
		if (this.typedValueTypes.isEmpty() && this.typedValuePackages.isEmpty()) {
			return "";
		}
		List<String> allowed = new ArrayList<>();
		this.typedValueTypes.forEach((type) -> allowed.add(type.getName()));
		this.typedValuePackages.forEach((prefix) -> allowed.add(prefix + "*"));
		return " or, at the top level, a typed value of " + allowed;
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
				+ "list or map with string keys)" + typedValuesHint() + ", not " + typeOf(value)
				+ ". Store it as a JSON value (such as a map or a string), allow its class or package as a typed "
				+ "value (session.typed-values), or store Serializable objects with session.serializer=java.");
	}

	private static boolean isJsonNumber(Object value) {
		// NaN and the infinities too: Python's json writes and reads them unquoted
		return value instanceof Double || value instanceof Float || value instanceof Integer || value instanceof Long
				|| value instanceof Short || value instanceof Byte || value instanceof BigInteger
				|| value instanceof BigDecimal;
	}

	private static String typeOf(@Nullable Object value) {
		return (value != null) ? value.getClass().getName() : "null";
	}

}
