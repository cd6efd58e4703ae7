package io.sessionengines.serializer;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

import io.sessionengines.testsupport.HostileValues;
import io.sessionengines.testsupport.TypedTestValues;
import io.sessionengines.testsupport.TypedTestValues.Badge;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link JsonSessionSerializer}.
 *
 * @author Session Engines contributors
 */
class JsonSessionSerializerTests {

	private final JsonSessionSerializer serializer = new JsonSessionSerializer();

	private String serialize(Map<String, @Nullable Object> data) {
		byte[] bytes = this.serializer.serialize(data);
		for (byte b : bytes) {
			assertThat(b & 0xff).as("every byte is ASCII").isLessThan(0x80);
		}
		return new String(bytes, StandardCharsets.US_ASCII);
	}

	private Map<String, @Nullable Object> deserialize(String json) {
		return this.serializer.deserialize(json.getBytes(StandardCharsets.ISO_8859_1));
	}

	private static Map<String, @Nullable Object> data(@Nullable Object... keysAndValues) {
		Map<String, @Nullable Object> data = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			data.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return data;
	}

	@Test
	void writesCompactJson() {
		// json.dumps(..., separators=(",", ":")) as Django's JSONSerializer writes it
		assertThat(serialize(data("k", "x"))).isEqualTo("{\"k\":\"x\"}");
		assertThat(serialize(data())).isEqualTo("{}");
		assertThat(serialize(
				data("a", 1, "b", List.of(1, 2), "c", data("d", null), "e", true, "f", false, "g", 1.5, "h", "")))
			.isEqualTo("{\"a\":1,\"b\":[1,2],\"c\":{\"d\":null},\"e\":true,\"f\":false,\"g\":1.5,\"h\":\"\"}");
	}

	@Test
	void escapesNonAsciiAsLowerCaseUnicodeEscapes() {
		// json.dumps("é€ÿ\u00a0日本") == '"\\u00e9\\u20ac\\u00ff\\u00a0\\u65e5\\u672c"'
		assertThat(serialize(data("k", "é€ÿ\u00a0日本")))
			.isEqualTo("{\"k\":\"\\u00e9\\u20ac\\u00ff\\u00a0\\u65e5\\u672c\"}");
		assertThat(serialize(data("clé", 1))).isEqualTo("{\"cl\\u00e9\":1}");
	}

	@Test
	void escapesCharactersOutsideTheBasicPlaneAsSurrogatePairs() {
		// json.dumps("😀") == '"\\ud83d\\ude00"'
		assertThat(serialize(data("k", "😀"))).isEqualTo("{\"k\":\"\\ud83d\\ude00\"}");
		assertThat(serialize(data("k", "𝄞"))).isEqualTo("{\"k\":\"\\ud834\\udd1e\"}");
	}

	@Test
	void escapesControlCharactersAsPythonDoes() {
		// json.dumps('"\\\n\t\r\b\f\x01\x1f\x7f') ==
		// '"\\"\\\\\\n\\t\\r\\b\\f\\u0001\\u001f\x7f"'
		assertThat(serialize(data("k", "\"\\\n\t\r\b\f\u0001\u001f\u007f")))
			.isEqualTo("{\"k\":\"\\\"\\\\\\n\\t\\r\\b\\f\\u0001\\u001f\u007f\"}");
	}

	@Test
	void doesNotEscapeSlashesOrHtml() {
		assertThat(serialize(data("url", "https://example.com/a?b=c&d=<e>'f'")))
			.isEqualTo("{\"url\":\"https://example.com/a?b=c&d=<e>'f'\"}");
	}

	@Test
	void keepsInsertionOrder() {
		assertThat(serialize(data("zebra", 1, "apple", 2, "mango", 3)))
			.isEqualTo("{\"zebra\":1,\"apple\":2,\"mango\":3}");
		assertThat(deserialize("{\"zebra\":1,\"apple\":2,\"mango\":3}").keySet()).containsExactly("zebra", "apple",
				"mango");
	}

	@Test
	void readsWhatDjangoWrites() {
		Map<String, @Nullable Object> data = deserialize(
				"{\"_auth_user_id\":\"1\",\"caf\\u00e9\":\"\\ud83d\\ude00\",\"n\":[1,2.5,null,true],\"m\":{}}");
		assertThat(data).containsExactly(Map.entry("_auth_user_id", "1"), Map.entry("café", "😀"),
				Map.entry("n", Arrays.asList(1, 2.5, null, true)), Map.entry("m", Map.of()));
	}

	@Test
	void readsBytesAsLatin1() {
		// Django never writes raw non-ASCII, but reads what it gets as latin-1
		byte[] bytes = { '{', '"', 'k', '"', ':', '"', (byte) 0xe9, '"', '}' };
		assertThat(this.serializer.deserialize(bytes)).containsExactly(Map.entry("k", "é"));
	}

	@Test
	void roundTripsNestedValues() {
		Map<String, @Nullable Object> data = data("user",
				data("id", 42, "roles", List.of("admin", "staff"), "profile", data("name", "Zoë 😀", "prefs", data())),
				"cart", List.of(data("sku", "A-1", "qty", 2, "price", 9.99)), "matrix",
				List.of(List.of(1, 2), List.of()), "mixed", Arrays.asList(null, true, 0, -7, 10_000_000_000L, 0.25, ""),
				"big", new BigInteger("123456789012345678901234567890"));
		Map<String, @Nullable Object> read = this.serializer.deserialize(this.serializer.serialize(data));
		assertThat(read).isEqualTo(data);
		assertThat(read.keySet()).containsExactlyElementsOf(data.keySet());
	}

	@Test
	void deserializedDataIsMutable() {
		Map<String, @Nullable Object> data = deserialize("{\"a\":1}");
		data.put("b", 2);
		data.remove("a");
		assertThat(data).containsExactly(Map.entry("b", 2));
	}

	@ParameterizedTest
	@ValueSource(strings = { "[]", "[{\"a\":1}]", "\"text\"", "42", "true", "null" })
	void deserializeOfJsonThatIsNotAnObjectFails(String json) {
		assertThatExceptionOfType(SessionSerializationException.class).isThrownBy(() -> deserialize(json));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "{", "{\"a\":", "{\"a\":1", "{'a':1}", "{a:1}", "{\"a\":1,}", "not json",
			"{\"a\":1} trailing", "{\"a\":1}{\"b\":2}", "{\"a\":\"\\x\"}" })
	void deserializeOfInvalidJsonFails(String json) {
		assertThatExceptionOfType(SessionSerializationException.class).isThrownBy(() -> deserialize(json));
	}

	@Test
	void readsAndWritesNotANumberAndTheInfinitiesUnquotedAsPythonDoes() {
		// json.dumps({"a": float("nan"), "b": float("inf"), "c": [float("-inf")]},
		// separators=(",", ":")) == '{"a":NaN,"b":Infinity,"c":[-Infinity]}'
		String python = "{\"a\":NaN,\"b\":Infinity,\"c\":[-Infinity]}";
		for (JsonSessionSerializer serializer : List.of(this.serializer, TypedTestValues.serializer())) {
			Map<String, @Nullable Object> read = serializer.deserialize(python.getBytes(StandardCharsets.US_ASCII));
			assertThat(read).containsExactly(Map.entry("a", Double.NaN), Map.entry("b", Double.POSITIVE_INFINITY),
					Map.entry("c", List.of(Double.NEGATIVE_INFINITY)));
			assertThat(new String(serializer.serialize(read), StandardCharsets.US_ASCII)).isEqualTo(python);
		}
		assertThat(serialize(data("f", Float.NaN, "g", Float.NEGATIVE_INFINITY)))
			.isEqualTo("{\"f\":NaN,\"g\":-Infinity}");
	}

	@Test
	void writesFloatsAsPythonDoes() {
		// json.dumps({"a": 1e300, "b": 1e16, "c": 1e15, "d": 100.0, "e": 1.5e-07, "f":
		// 0.0001,
		// "g": -0.0, "h": 2.82879384806159e17}, separators=(",", ":"))
		assertThat(serialize(data("a", 1e300, "b", 1e16, "c", 1e15, "d", 100.0, "e", 1.5e-7, "f", 0.0001, "g", -0.0,
				"h", 2.82879384806159e17)))
			.isEqualTo("{\"a\":1e+300,\"b\":1e+16,\"c\":1000000000000000.0,\"d\":100.0,\"e\":1.5e-07,"
					+ "\"f\":0.0001,\"g\":-0.0,\"h\":2.82879384806159e+17}");
		// a float as the double Python reads from its shortest digits, 0.1
		assertThat(serialize(data("f", 0.1f, "g", 1e10f))).isEqualTo("{\"f\":0.1,\"g\":10000000000.0}");
	}

	@Test
	void readsAndWritesBackASessionDjangoStoredWithFloats() {
		// JSONSerializer().dumps(...) in python/django_float_session.py
		String django = "{\"price\":9.99,\"ratio\":0.30000000000000004,\"whole\":100.0,\"negative_zero\":-0.0,"
				+ "\"big\":1e+16,\"below_big\":1000000000000000.0,\"huge\":1e+300,\"tiny\":1.5e-07,"
				+ "\"small\":0.0001,\"smaller\":1e-05,\"subnormal\":5e-324,"
				+ "\"java17_too_long\":2.82879384806159e+17,\"java17_not_closest\":3.0617315596860196e+25,"
				+ "\"nan\":NaN,\"infinity\":Infinity,\"minus_infinity\":-Infinity,"
				+ "\"nested\":[1.0,{\"x\":-2.5e-10},NaN],\"count\":3}";
		for (JsonSessionSerializer serializer : List.of(this.serializer, TypedTestValues.serializer())) {
			byte[] bytes = django.getBytes(StandardCharsets.US_ASCII);
			assertThat(serializer.serialize(serializer.deserialize(bytes))).isEqualTo(bytes);
		}
	}

	@Test
	void checkValueAcceptsJsonValues() {
		List<@Nullable Object> values = Arrays.asList(null, "", "text", true, false, 0, -1, Long.MAX_VALUE, (short) 3,
				(byte) 4, 1.5, 2.5f, new BigInteger("123456789012345678901234567890"), new BigDecimal("0.1"), List.of(),
				List.of(1, "two", List.of(3.0)), Set.of("a"), new ArrayList<>(Arrays.asList(1, null)), Map.of(),
				data("a", data("b", Arrays.asList(null, data("c", true)))), Double.NaN, Double.POSITIVE_INFINITY,
				Double.NEGATIVE_INFINITY, Float.NaN, Float.NEGATIVE_INFINITY, List.of(List.of(Double.NaN)));
		for (Object value : values) {
			assertThatNoException().as(String.valueOf(value)).isThrownBy(() -> this.serializer.checkValue(value));
		}
	}

	@Test
	void checkValueRejectsValuesThatAreNotJson() {
		Map<Object, Object> integerKeys = new HashMap<>();
		integerKeys.put(1, "one");
		Map<Object, Object> nullKey = new HashMap<>();
		nullKey.put(null, "none");
		List<Object> values = List.of(new Object(), LocalDate.of(2026, 11, 21), integerKeys, nullKey, 'c',
				Optional.of("x"), new int[] { 1 }, List.of(1, new Object()),
				data("nested", data("date", LocalDate.of(2026, 1, 1))), Map.of("k", Map.of(2, "two")));
		for (Object value : values) {
			assertThatIllegalArgumentException().as(String.valueOf(value))
				.isThrownBy(() -> this.serializer.checkValue(value));
		}
	}

	@Test
	void plainMapHoldingTheTypePropertyComesBackAsTheSamePlainMap() {
		JsonSessionSerializer typed = TypedTestValues.serializer();
		Map<String, @Nullable Object> forged = HostileValues.badgeShapedMap();
		Map<String, @Nullable Object> read = typed
			.deserialize(typed.serialize(data("SPRING_SECURITY_CONTEXT", forged)));
		assertThat(read.get("SPRING_SECURITY_CONTEXT")).isEqualTo(forged).isNotInstanceOf(Badge.class);
	}

	@Test
	void onlyValuesTypedWhenSetAreListedAsTyped() {
		JsonSessionSerializer typed = TypedTestValues.serializer();
		String json = new String(
				typed.serialize(data("forged", HostileValues.badgeShapedMap(), "badge", new Badge("staff", 2))),
				StandardCharsets.US_ASCII);
		assertThat(json).endsWith(",\"_session_typed\":{\"badge\":\"" + Badge.class.getName() + "\"}}");
		Map<String, @Nullable Object> read = typed.deserialize(json.getBytes(StandardCharsets.US_ASCII));
		assertThat(read).containsExactly(Map.entry("forged", HostileValues.badgeShapedMap()),
				Map.entry("badge", new Badge("staff", 2)));
	}

	@Test
	void sessionWithoutTypedValuesHasNoTypedKeysList() {
		JsonSessionSerializer typed = TypedTestValues.serializer();
		assertThat(new String(typed.serialize(data("k", HostileValues.badgeShapedMap())), StandardCharsets.US_ASCII))
			.doesNotContain(JsonSessionSerializer.TYPED_KEYS);
	}

	@Test
	void fuzzedPlainValuesNeverComeBackTyped() {
		JsonSessionSerializer typed = TypedTestValues.serializer();
		HostileValues hostile = new HostileValues(2026);
		for (int round = 0; round < 2000; round++) {
			Map<String, @Nullable Object> data = data("SPRING_SECURITY_CONTEXT", hostile.nextMap(), "list",
					List.of(hostile.nextMap()));
			Map<String, @Nullable Object> read = typed.deserialize(typed.serialize(data));
			assertThat(read).as("round %d", round).isEqualTo(data);
			assertThat(HostileValues.isPlain(read)).as("round %d: %s", round, read).isTrue();
		}
	}

	@Test
	void typedKeysListIsReservedAndNeverShownToTheSession() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.serializer.checkKey(JsonSessionSerializer.TYPED_KEYS))
			.withMessageContaining("reserved");
		assertThatNoException().isThrownBy(() -> this.serializer.checkKey("_session_expiry"));
		// read by a serializer without typed values, such as after Spring Security was
		// removed: the typed value is a plain map and the list is gone
		Map<String, @Nullable Object> read = deserialize(
				"{\"badge\":{\"@class\":\"x.Badge\",\"name\":\"a\"},\"_session_typed\":{\"badge\":\"x.Badge\"}}");
		assertThat(read).containsExactly(Map.entry("badge", data("@class", "x.Badge", "name", "a")));
		assertThat(serialize(data("k", 1, JsonSessionSerializer.TYPED_KEYS, Map.of("k", "x.Badge"))))
			.isEqualTo("{\"k\":1}");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"k\":1,\"_session_typed\":\"k\"}", "{\"k\":1,\"_session_typed\":[\"k\"]}",
			"{\"k\":1,\"_session_typed\":{\"k\":true}}",
			"{\"k\":{},\"_session_typed\":{\"k\":\"java.lang.ProcessBuilder\"}}",
			"{\"k\":{},\"_session_typed\":{\"k\":\"com.example.Missing\"}}" })
	void malformedTypedKeysListIsUnreadableData(String json) {
		assertThatExceptionOfType(SessionSerializationException.class)
			.isThrownBy(() -> TypedTestValues.serializer().deserialize(json.getBytes(StandardCharsets.US_ASCII)));
	}

	@Test
	void mayReadEveryClassThatPlainJsonIsReadAsAndNoOther() {
		Map<String, @Nullable Object> read = deserialize("{\"s\":\"a\",\"t\":true,\"i\":1,\"l\":12345678901,"
				+ "\"b\":123456789012345678901234567890,\"d\":1.5,\"m\":{},\"a\":[]}");
		assertThat(read).hasSize(8);
		read.values()
			.forEach((value) -> assertThat(this.serializer.mayRead(value.getClass())).as("%s", value).isTrue());
		assertThat(this.serializer.mayRead(Object.class)).isTrue();
		assertThat(this.serializer.mayRead(Number.class)).isTrue();
		assertThat(this.serializer.mayRead(Runnable.class)).isFalse();
		assertThat(this.serializer.mayRead(Badge.class)).isFalse();
	}

	@Test
	void mayReadInstancesOfAnAllowedTypeOfItsSubtypesAndOfAnyClassOfAnAllowedPackage() {
		JsonMapper mapper = JsonMapper.builder().build();
		JsonSessionSerializer finalType = new JsonSessionSerializer(mapper, List.of(Badge.class));
		assertThat(finalType.mayRead(Badge.class)).isTrue();
		assertThat(finalType.mayRead(Record.class)).isTrue();
		// a record is final: no subtype of it can be a Runnable
		assertThat(finalType.mayRead(Runnable.class)).isFalse();
		JsonSessionSerializer openType = new JsonSessionSerializer(mapper, List.of(ArrayList.class));
		assertThat(openType.mayRead(Runnable.class)).as("a subclass of ArrayList may be one").isTrue();
		JsonSessionSerializer interfaceType = new JsonSessionSerializer(mapper, List.of(Runnable.class));
		assertThat(interfaceType.mayRead(Thread.class)).isTrue();
		assertThat(interfaceType.mayRead(Badge.class)).as("a final class that is no Runnable").isFalse();
		JsonSessionSerializer inPackage = new JsonSessionSerializer(mapper, List.of(), List.of("java.time"),
				getClass().getClassLoader());
		assertThat(inPackage.mayRead(Runnable.class)).isTrue();
	}

	@Test
	void sizeBoundIsNeverBelowTheSerializedSize() {
		JsonSessionSerializer typed = new JsonSessionSerializer(JsonMapper.builder().build(), List.of(Badge.class));
		Random random = new Random(20261206);
		for (int i = 0; i < 2000; i++) {
			Map<String, @Nullable Object> data = new LinkedHashMap<>();
			int entries = random.nextInt(6);
			for (int j = 0; j < entries; j++) {
				data.put(randomString(random), (j == 0) ? randomReadBackValue(random, 0) : randomValue(random, 0));
			}
			for (JsonSessionSerializer serializer : List.of(this.serializer, typed)) {
				assertThat(serializer.serializedSizeBound(data, Long.MAX_VALUE)).as("bound of %s", data)
					.isGreaterThanOrEqualTo(serializer.serialize(data).length);
			}
		}
	}

	@Test
	void sizeBoundIsUnknownForValuesItCannotMeasureCheaply() {
		JsonSessionSerializer typed = new JsonSessionSerializer(JsonMapper.builder().build(), List.of(Badge.class));
		assertThat(this.serializer.serializedSizeBound(data("a", new BigDecimal("1e999999")), Long.MAX_VALUE))
			.isNegative();
		assertThat(this.serializer.serializedSizeBound(data("a", BigInteger.TEN.pow(1000)), Long.MAX_VALUE))
			.isNegative();
		assertThat(this.serializer.serializedSizeBound(data("a", List.of(Map.of("b", BigInteger.ONE))), Long.MAX_VALUE))
			.isNegative();
		assertThat(typed.serializedSizeBound(data("badge", new Badge("gold", 3)), Long.MAX_VALUE)).isNegative();
		assertThat(
				this.serializer.serializedSizeBound(data(JsonSessionSerializer.TYPED_KEYS, Map.of()), Long.MAX_VALUE))
			.isNegative();
		Map<Object, Object> numberKeys = new HashMap<>();
		numberKeys.put(1, "one");
		assertThat(this.serializer.serializedSizeBound(data("a", numberKeys), Long.MAX_VALUE)).isNegative();
		Object nested = "deep";
		for (int i = 0; i < 40; i++) {
			nested = List.of(nested);
		}
		assertThat(this.serializer.serializedSizeBound(data("a", nested), Long.MAX_VALUE)).isNegative();
		assertThat(this.serializer.serializedSizeBound(data("a", List.of(List.of("shallow"))), Long.MAX_VALUE))
			.isPositive();
	}

	@Test
	@Timeout(10)
	void sizeBoundStopsAtTheLimitHoweverOftenValuesAreShared() {
		assertThat(this.serializer.serializedSizeBound(data("a", "x".repeat(10)), 100)).isBetween(10L, 100L);
		assertThat(this.serializer.serializedSizeBound(data("a", "x".repeat(20)), 100)).as("past the limit")
			.isNegative();
		// two references to the same list at every level: 2^30 leaves to walk, had the
		// walk no budget
		Object shared = "leaf";
		for (int i = 0; i < 30; i++) {
			shared = List.of(shared, shared);
		}
		assertThat(this.serializer.serializedSizeBound(data("a", shared), 1_000_000)).isNegative();
		List<Object> cycle = new ArrayList<>();
		cycle.add(cycle);
		cycle.add(cycle);
		assertThat(this.serializer.serializedSizeBound(data("a", cycle), Long.MAX_VALUE)).isNegative();
	}

	@Test
	void readBackCopyIsExactlyWhatSerializingAndDeserializingGives() {
		JsonSessionSerializer typed = new JsonSessionSerializer(JsonMapper.builder().build(), List.of(Badge.class));
		Random random = new Random(20261207);
		int copied = 0;
		for (int i = 0; i < 3000; i++) {
			Map<String, @Nullable Object> data = new LinkedHashMap<>();
			int entries = random.nextInt(6);
			for (int j = 0; j < entries; j++) {
				data.put(randomString(random), randomReadBackValue(random, 0));
			}
			for (JsonSessionSerializer serializer : List.of(this.serializer, typed)) {
				Map<String, @Nullable Object> copy = serializer.readBackCopy(data);
				if (copy != null) {
					copied++;
					assertReadsBackAs(copy, serializer.deserialize(serializer.serialize(data)), "data " + data);
				}
			}
		}
		assertThat(copied).as("data the serializer copied").isGreaterThan(3000);
	}

	@Test
	void readBackCopySharesNoMutableValueWithTheData() {
		List<@Nullable Object> list = new ArrayList<>(List.of("a"));
		Map<String, @Nullable Object> map = new LinkedHashMap<>(Map.of("b", 1));
		Map<String, @Nullable Object> data = data("list", list, "map", map, "set", new LinkedHashSet<>(List.of(2, 1)));
		Map<String, @Nullable Object> copy = this.serializer.readBackCopy(data);
		assertThat(copy).isNotNull().isNotSameAs(data);
		list.add("changed");
		map.put("c", 2);
		assertThat(copy).isEqualTo(data("list", List.of("a"), "map", Map.of("b", 1), "set", List.of(2, 1)));
		assertThat(copy.get("list")).isNotSameAs(list).isInstanceOf(ArrayList.class);
		assertThat(copy.get("map")).isNotSameAs(map).isInstanceOf(LinkedHashMap.class);
	}

	@Test
	void readBackCopyReadsWholeNumbersAsJacksonDoes() {
		Map<String, @Nullable Object> copy = this.serializer.readBackCopy(
				data("small", 5L, "large", 5_000_000_000L, "short", (short) 3, "byte", (byte) -1, "double", 2.0));
		assertThat(copy).isNotNull();
		assertThat(copy.get("small")).isEqualTo(5);
		assertThat(copy.get("large")).isEqualTo(5_000_000_000L);
		assertThat(copy.get("short")).isEqualTo(3);
		assertThat(copy.get("byte")).isEqualTo(-1);
		assertThat(copy.get("double")).isEqualTo(2.0);
	}

	@Test
	void readBackCopyIsRefusedForWhatOnlySerializingCanTell() {
		JsonSessionSerializer typed = new JsonSessionSerializer(JsonMapper.builder().build(), List.of(Badge.class));
		assertThat(typed.readBackCopy(data("badge", new Badge("gold", 3)))).as("typed value").isNull();
		assertThat(typed.readBackCopy(data("plain", "x"))).as("no typed value").isNotNull();
		assertThat(this.serializer.readBackCopy(data("f", 0.1f))).as("float").isNull();
		assertThat(this.serializer.readBackCopy(data("d", new BigDecimal("0.1")))).as("BigDecimal").isNull();
		assertThat(this.serializer.readBackCopy(data("i", BigInteger.ONE))).as("BigInteger").isNull();
		assertThat(this.serializer.readBackCopy(data("a", new int[] { 1 }))).as("array").isNull();
		assertThat(this.serializer.readBackCopy(data("c", 'c'))).as("character").isNull();
		assertThat(this.serializer.readBackCopy(data("o", new Object()))).as("not JSON").isNull();
		assertThat(this.serializer.readBackCopy(data("l", List.of(Map.of("n", 1.5f))))).as("nested float").isNull();
		Map<Object, Object> numberKeys = new HashMap<>();
		numberKeys.put(1, "one");
		assertThat(this.serializer.readBackCopy(data("m", numberKeys))).as("number keys").isNull();
		assertThat(this.serializer.readBackCopy(data(JsonSessionSerializer.TYPED_KEYS, Map.of()))).as("reserved key")
			.isNull();
		Object nested = "deep";
		for (int i = 0; i < 40; i++) {
			nested = List.of(nested);
		}
		assertThat(this.serializer.readBackCopy(data("a", nested))).as("deeper than the bound follows").isNull();
		List<Object> cycle = new ArrayList<>();
		cycle.add(cycle);
		assertThat(this.serializer.readBackCopy(data("a", cycle))).as("a list holding itself").isNull();
	}

	private static void assertReadsBackAs(@Nullable Object actual, @Nullable Object expected, String where) {
		if (expected == null) {
			assertThat(actual).as(where).isNull();
			return;
		}
		assertThat(actual).as(where).isNotNull();
		assertThat(actual.getClass()).as(where).isEqualTo(expected.getClass());
		if (expected instanceof Map<?, ?> expectedMap) {
			Map<?, ?> actualMap = (Map<?, ?>) actual;
			assertThat(new ArrayList<>(actualMap.keySet())).as(where).isEqualTo(new ArrayList<>(expectedMap.keySet()));
			expectedMap.forEach((key, value) -> assertReadsBackAs(actualMap.get(key), value, where));
		}
		else if (expected instanceof List<?> expectedList) {
			List<?> actualList = (List<?>) actual;
			assertThat(actualList).as(where).hasSameSizeAs(expectedList);
			for (int i = 0; i < expectedList.size(); i++) {
				assertReadsBackAs(actualList.get(i), expectedList.get(i), where);
			}
		}
		else {
			assertThat(actual).as(where).isEqualTo(expected);
		}
	}

	private static @Nullable Object randomReadBackValue(Random random, int depth) {
		int kind = random.nextInt((depth < 4) ? 9 : 6);
		return switch (kind) {
			case 0 -> random.nextLong();
			case 1 -> (long) random.nextInt();
			case 2 -> Double.longBitsToDouble(random.nextLong());
			case 3 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
			case 4, 5 -> randomValue(random, 4);
			case 6 -> randomElements(random, new LinkedHashSet<>(), () -> randomReadBackValue(random, depth + 1));
			case 7 -> randomElements(random, new ArrayList<>(), () -> randomReadBackValue(random, depth + 1));
			default -> randomObject(random, () -> randomReadBackValue(random, depth + 1));
		};
	}

	private static Collection<@Nullable Object> randomElements(Random random, Collection<@Nullable Object> elements,
			Supplier<@Nullable Object> element) {
		int size = random.nextInt(4);
		for (int i = 0; i < size; i++) {
			elements.add(element.get());
		}
		return elements;
	}

	private static Map<String, @Nullable Object> randomObject(Random random, Supplier<@Nullable Object> value) {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		int size = random.nextInt(4);
		for (int i = 0; i < size; i++) {
			map.put(randomString(random), value.get());
		}
		return map;
	}

	private static final String[] CHARACTERS = { "a", "Z", "0", " ", "\"", "\\", "/", "\n", "\u0000", "\u001f",
			"\u007f", "\u00e9", "\u2028", "\uffff", "\ud83d\ude00", "<", "&" };

	private static String randomString(Random random) {
		StringBuilder string = new StringBuilder();
		int length = random.nextInt(12);
		for (int i = 0; i < length; i++) {
			string.append(CHARACTERS[random.nextInt(CHARACTERS.length)]);
		}
		return string.toString();
	}

	private static final Object[] NUMBERS = { 0, -1, Integer.MIN_VALUE, Long.MIN_VALUE, Long.MAX_VALUE,
			-Double.MAX_VALUE, Double.MIN_VALUE, -2.2250738585072014E-308, Double.NaN, Double.NEGATIVE_INFINITY,
			Double.POSITIVE_INFINITY, -0.0, 0.1, -Float.MAX_VALUE, Float.MIN_VALUE, Float.NaN, (short) -32768,
			(byte) -128 };

	private static @Nullable Object randomValue(Random random, int depth) {
		int kind = random.nextInt((depth < 4) ? 7 : 5);
		return switch (kind) {
			case 0 -> null;
			case 1 -> random.nextBoolean();
			case 2, 3 -> randomString(random);
			case 4 -> NUMBERS[random.nextInt(NUMBERS.length)];
			case 5 -> randomElements(random, new ArrayList<>(), () -> randomValue(random, depth + 1));
			default -> randomObject(random, () -> randomValue(random, depth + 1));
		};
	}

}
