package io.sessionengines.engine.cache;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import io.sessionengines.engine.SaveResult;
import io.sessionengines.engine.SessionDataTooLargeException;
import io.sessionengines.engine.StoredSession;
import io.sessionengines.testsupport.TypedTestValues;
import io.sessionengines.testsupport.TypedTestValues.Badge;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link DjangoCacheFormat}. The JSON that Django writes comes from Python's
 * {@code json.dumps(value, cls=DjangoJSONEncoder)}, as django-redis's
 * {@code JSONSerializer} calls it, run with Django 3.2.
 *
 * @author Session Engines contributors
 */
class DjangoCacheFormatTests {

	private static final String KEY = "abcdefghijklmnopqrstuvwxyz012345";

	/**
	 * Whether {@link Tripwire} was ever initialized or instantiated.
	 */
	static final AtomicBoolean tripped = new AtomicBoolean();

	private final DjangoCacheFormat format = new DjangoCacheFormat(TypedTestValues.serializer(), 1024 * 1024);

	/**
	 * Entries that are not session data, as anyone who can write to the cache could
	 * store: each must read as no session.
	 * @return the entries
	 */
	static Stream<String> hostileEntries() {
		return Stream.of("", " ", "{", "{\"a\":", "{\"a\":1}}", "not json", "\u0080\u00ff", "[]", "[{\"a\":1}]", "123",
				"1.5", "\"text\"", "null", "true", "{'a':1}", "[".repeat(100_000) + "]".repeat(100_000),
				"{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}", "{\"n\":1" + "0".repeat(100_000) + "}",
				"{\"x\":{\"@class\":\"" + Tripwire.class.getName() + "\"},\"_session_typed\":{\"x\":\""
						+ Tripwire.class.getName() + "\"}}",
				"{\"x\":{},\"_session_typed\":{\"x\":\"java.lang.ProcessBuilder\"}}",
				"{\"x\":{},\"_session_typed\":{\"x\":\"no.such.Class\"}}", "{\"x\":{},\"_session_typed\":[\"x\"]}",
				"{\"x\":{},\"_session_typed\":{\"x\":1}}");
	}

	@Test
	void keyPrefixIsDjangosDefaultKeyFunctionOfTheCacheEnginesKey() {
		// Django's default_key_func: "%s:%s:%s" % (key_prefix, version, key), with the
		// engine's key "django.contrib.sessions.cache" + session key
		assertThat(DjangoCacheFormat.keyPrefix("", 1)).isEqualTo(":1:django.contrib.sessions.cache");
		assertThat(DjangoCacheFormat.keyPrefix("shop", 3)).isEqualTo("shop:3:django.contrib.sessions.cache");
	}

	@Test
	void encodesCompactAsciiJson() {
		Map<String, @Nullable Object> data = Map.of("café", "日本😀");
		assertThat(this.format.encode(data)).isEqualTo("{\"caf\\u00e9\":\"\\u65e5\\u672c\\ud83d\\ude00\"}");
	}

	@Test
	void readsWhatDjangoWrites() {
		String django = "{\"user\": \"alice\", \"n\": 1, \"cart\": [1, 2.5, null, true], "
				+ "\"caf\\u00e9\": \"\\u65e5\\u672c\\ud83d\\ude00\"}";
		assertThat(this.format.decodeData(KEY, django)).containsExactly(entry("user", "alice"), entry("n", 1),
				entry("cart", Arrays.asList(1, 2.5, null, true)), entry("café", "日本😀"));
	}

	@Test
	void readsValuesDjangosEncoderWritesAsTheStringsDjangoReadsThemAs() {
		String django = "{\"when\": \"2024-05-06T07:08:09.123Z\", \"day\": \"2024-05-06\", \"price\": \"9.99\", "
				+ "\"id\": \"12345678-1234-5678-1234-567812345678\", \"for\": \"P1DT00H00M05S\"}";
		assertThat(this.format.decodeData(KEY, django)).containsExactly(entry("when", "2024-05-06T07:08:09.123Z"),
				entry("day", "2024-05-06"), entry("price", "9.99"), entry("id", "12345678-1234-5678-1234-567812345678"),
				entry("for", "P1DT00H00M05S"));
	}

	@Test
	void readsTheFloatsPythonWritesAndWritesThemBackAsPythonDoes() {
		String django = "{\"nan\": NaN, \"inf\": Infinity, \"ninf\": -Infinity, \"big\": 1e+16, \"whole\": 100.0}";
		Map<String, @Nullable Object> data = this.format.decodeData(KEY, django);
		assertThat(data).containsExactly(entry("nan", Double.NaN), entry("inf", Double.POSITIVE_INFINITY),
				entry("ninf", Double.NEGATIVE_INFINITY), entry("big", 1e16), entry("whole", 100.0));
		assertThat(this.format.encode(data))
			.isEqualTo("{\"nan\":NaN,\"inf\":Infinity,\"ninf\":-Infinity,\"big\":1e+16,\"whole\":100.0}");
	}

	@Test
	void readsCharactersBeyondAsciiWrittenRaw() {
		assertThat(this.format.decodeData(KEY, "{\"café\": \"日本😀\"}")).containsExactly(entry("café", "日本😀"));
	}

	@Test
	void roundTripsTypedValuesAsTheSerializerDoes() {
		Map<String, @Nullable Object> data = Map.of("badge", new Badge("staff", 2));
		assertThat(this.format.decodeData(KEY, this.format.encode(data))).isEqualTo(data);
	}

	@ParameterizedTest
	@MethodSource("hostileEntries")
	void entryThatIsNotSessionDataReadsAsNoData(String entry) {
		assertThat(this.format.decodeData(KEY, entry)).isNull();
		assertThat(this.format.decodeStored(KEY, entry)).isNull();
		assertThat(tripped).as("a class outside the allow-list was initialized").isFalse();
	}

	@ParameterizedTest
	@MethodSource("hostileEntries")
	void conflictWithAnEntryThatIsNotSessionDataIsAnEmptySessionWithThatVersion(String entry) {
		SaveResult.Conflict conflict = this.format.conflict(KEY, entry);
		assertThat(conflict.current()).isEqualTo(new StoredSession(Map.of(), entry));
	}

	@Test
	void versionIsTheEntryAsStored() {
		String django = "{\"user\": \"alice\"}";
		StoredSession stored = this.format.decodeStored(KEY, django);
		assertThat(stored).isNotNull();
		assertThat(stored.version()).isEqualTo(django);
	}

	@Test
	void dataLargerThanTheBoundIsRefusedWhenEncodedAndUnreadableWhenDecoded() {
		DjangoCacheFormat small = new DjangoCacheFormat(TypedTestValues.serializer(), 20);
		assertThat(small.encode(Map.of("a", "x".repeat(12)))).hasSize(20);
		assertThatExceptionOfType(SessionDataTooLargeException.class)
			.isThrownBy(() -> small.encode(Map.of("a", "x".repeat(13))));
		assertThat(small.decodeData(KEY, "{\"a\":\"" + "x".repeat(12) + "\"}"))
			.containsExactly(entry("a", "x".repeat(12)));
		assertThat(small.decodeData(KEY, "{\"a\": \"" + "x".repeat(12) + "\"}")).isNull();
	}

	@Test
	void decodedDataIsMutable() {
		Map<String, @Nullable Object> data = this.format.decodeData(KEY, "{\"a\": [1]}");
		assertThat(data).isNotNull();
		data.put("b", 2);
		assertThat(data).containsExactly(entry("a", List.of(1)), entry("b", 2));
	}

	/**
	 * A class outside the serializer's allow-list, which records being initialized or
	 * instantiated.
	 */
	static final class Tripwire {

		static {
			tripped.set(true);
		}

		Tripwire() {
			tripped.set(true);
		}

	}

}
