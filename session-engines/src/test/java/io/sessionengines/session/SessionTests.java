package io.sessionengines.session;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.sessionengines.engine.MutableClock;
import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionDataTooLargeException;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.SessionUpdateException;
import io.sessionengines.engine.db.H2Database;
import io.sessionengines.engine.db.JdbcSessionEngine;
import io.sessionengines.serializer.JsonSessionSerializer;
import io.sessionengines.signing.TimestampSigner;
import io.sessionengines.testsupport.CountingSerializer;
import io.sessionengines.testsupport.PythonIsoformat;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link Session}, on the {@code db} engine over H2.
 *
 * @author Session Engines contributors
 */
class SessionTests {

	private static final Duration COOKIE_AGE = Duration.ofDays(14);

	private static final Instant START = Instant.ofEpochSecond(1_700_000_000L);

	private static final String KEY_FORMAT = "[a-z0-9]{32}";

	private final MutableClock clock = new MutableClock(START);

	private DataSource dataSource;

	private JdbcTemplate jdbc;

	private RecordingEngine engine;

	private SessionFactory sessions;

	@BeforeEach
	void setUp() {
		this.dataSource = H2Database.create();
		this.jdbc = new JdbcTemplate(this.dataSource);
		TimestampSigner signer = new TimestampSigner("test-secret", List.of(), SessionCodec.STORED_DATA_SALT,
				this.clock);
		JdbcSessionEngine jdbcEngine = new JdbcSessionEngine(this.dataSource,
				new SessionCodec(new JsonSessionSerializer(), signer), new SessionExpiry(COOKIE_AGE, false, this.clock),
				JdbcSessionEngine.DEFAULT_TABLE);
		jdbcEngine.createTableIfMissing();
		this.engine = new RecordingEngine(jdbcEngine);
		this.sessions = factory(false);
	}

	@AfterEach
	void shutDownDatabase() {
		H2Database.shutdown(this.dataSource);
	}

	private SessionFactory factory(boolean expireAtBrowserClose) {
		return new SessionFactory(this.engine, new SessionExpiry(COOKIE_AGE, expireAtBrowserClose, this.clock),
				new JsonSessionSerializer());
	}

	/**
	 * Save a session with the given data through another session, as an earlier request
	 * would, and forget what the engine recorded.
	 */
	private String existingSession(Object... keysAndValues) {
		Session session = this.sessions.open(null);
		for (int i = 0; i < keysAndValues.length; i += 2) {
			session.set((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		session.save();
		this.engine.reset();
		return session.getSessionKey();
	}

	private int rowCount() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM django_session", Integer.class);
	}

	// fresh sessions and key rules

	@Test
	void freshSessionIsNeitherAccessedNorModified() {
		Session session = this.sessions.open(null);
		assertThat(session.isAccessed()).isFalse();
		assertThat(session.isModified()).isFalse();
		assertThat(session.getSessionKey()).isNull();
		assertThat(session.isEmpty()).isTrue();
	}

	@Test
	void openingASessionReadsNothing() {
		String key = existingSession("a", 1);
		Session session = this.sessions.open(key);
		assertThat(session.getSessionKey()).isEqualTo(key);
		assertThat(session.isAccessed()).isFalse();
		assertThat(session.isModified()).isFalse();
		assertThat(this.engine.loads).isZero();
	}

	@Test
	void mayHoldAsksTheSerializerWithoutLoadingAndThenTheValuesThemselves() {
		String key = existingSession("a", 1);
		Session session = this.sessions.open(key);
		assertThat(session.mayHold(Integer.class)).isTrue();
		assertThat(session.mayHold(Runnable.class)).isFalse();
		assertThat(this.engine.loads).isZero();
		assertThat(session.get("a")).isEqualTo(1);
		assertThat(session.mayHold(Integer.class)).isTrue();
		assertThat(session.mayHold(String.class)).as("no value is a string").isFalse();
		assertThat(this.sessions.open(null).mayHold(Integer.class)).as("no key, nothing stored").isFalse();
		assertThat(this.engine.loads).isEqualTo(1);
	}

	@Test
	void cookieValueShorterThanEightCharactersIsNoKey() {
		assertThat(this.sessions.open("").getSessionKey()).isNull();
		assertThat(this.sessions.open("1").getSessionKey()).isNull();
		assertThat(this.sessions.open("1234567").getSessionKey()).isNull();
		assertThat(this.sessions.open("12345678").getSessionKey()).isEqualTo("12345678");
	}

	@Test
	void sessionWithATooShortKeyIsSavedUnderANewKey() {
		Session session = this.sessions.open("1");
		assertThat(session.items()).isEmpty();
		session.set("a", 1);
		session.save();
		assertThat(session.getSessionKey()).matches(KEY_FORMAT);
		assertThat(this.engine.loads).isZero();
	}

	@Test
	void unknownKeyIsNeverAdopted() {
		String unknown = "unknownkey0123456789abcdefghijkl";
		Session session = this.sessions.open(unknown);
		assertThat(session.get("a")).isNull();
		assertThat(session.getSessionKey()).isNull();
		assertThat(session.isEmpty()).isTrue();
		// the read created nothing
		assertThat(rowCount()).isZero();
		session.set("a", 1);
		session.save();
		assertThat(session.getSessionKey()).matches(KEY_FORMAT).isNotEqualTo(unknown);
		assertThat(this.engine.load(unknown)).isNull();
		assertThat(this.sessions.open(session.getSessionKey()).get("a")).isEqualTo(1);
	}

	@Test
	void unknownKeyClearedWithoutLoadingIsNotAdoptedEither() {
		String unknown = "unknownkey0123456789abcdefghijkl";
		Session session = this.sessions.open(unknown);
		session.clear();
		session.set("a", 1);
		session.save();
		assertThat(session.getSessionKey()).matches(KEY_FORMAT).isNotEqualTo(unknown);
		assertThat(this.engine.load(unknown)).isNull();
		assertThat(this.sessions.open(session.getSessionKey()).get("a")).isEqualTo(1);
	}

	@Test
	void updateKeysMustNotBeNull() {
		Session session = this.sessions.open(null);
		Map<String, Object> values = new HashMap<>();
		values.put(null, 1);
		assertThatIllegalArgumentException().isThrownBy(() -> session.update(values));
		assertThat(session.isModified()).isFalse();
	}

	@Test
	void reservedKeyIsRefusedWhenSet() {
		Session session = this.sessions.open(null);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> session.set(JsonSessionSerializer.TYPED_KEYS, List.of("SPRING_SECURITY_CONTEXT")));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> session.update(Map.of("a", 1, JsonSessionSerializer.TYPED_KEYS, List.of("a"))));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> session.setDefault(JsonSessionSerializer.TYPED_KEYS, List.of()));
		assertThat(session.keys()).isEmpty();
		assertThat(session.isModified()).isFalse();
	}

	@Test
	void sizeBoundIsTheFactorys() {
		this.sessions.setMaxDataSize(64);
		Session session = this.sessions.open(null);
		session.set("a", "x".repeat(40));
		assertThatExceptionOfType(SessionDataTooLargeException.class).isThrownBy(() -> session.set("b", "y".repeat(40)))
			.satisfies((ex) -> assertThat(ex.getLimit()).isEqualTo(64))
			.satisfies((ex) -> assertThat(ex.getSize()).isGreaterThan(64));
		assertThat(session.items()).containsExactly(Map.entry("a", "x".repeat(40)));
	}

	@Test
	void sizeBoundIsCheckedWithoutSerializingWhileTheValuesProveItHolds() {
		CountingSerializer serializer = new CountingSerializer();
		SessionFactory sessions = new SessionFactory(this.engine, new SessionExpiry(COOKIE_AGE, false, this.clock),
				serializer);
		sessions.setMaxDataSize(300);
		Session session = sessions.open(null);
		session.set("a", "x".repeat(20));
		session.update(Map.of("b", List.of(1, 2.5, true), "c", Map.of("d", "e")));
		assertThat(serializer.serialized()).as("serializations for the size bound").isZero();
		// the bound now passes 300 bytes (a character may take six), the data is about
		// 100
		session.set("f", "y".repeat(40));
		assertThat(serializer.serialized()).isOne();
		assertThatExceptionOfType(SessionDataTooLargeException.class)
			.isThrownBy(() -> session.set("g", "z".repeat(300)))
			.satisfies((ex) -> assertThat(ex.getSize()).isGreaterThan(300));
		assertThat(session.keys()).containsExactlyInAnyOrder("a", "b", "c", "f");
	}

	@Test
	void expiredKeyIsNeverAdopted() {
		String key = existingSession("a", 1);
		this.clock.advance(COOKIE_AGE.plusSeconds(1));
		Session session = this.sessions.open(key);
		assertThat(session.get("a")).isNull();
		assertThat(session.getSessionKey()).isNull();
		session.set("b", 2);
		session.save();
		assertThat(session.getSessionKey()).isNotEqualTo(key);
		assertThat(session.items()).containsExactly(Map.entry("b", 2));
	}

	@Test
	void newSessionGetsAGeneratedKeyOnSave() {
		Session session = this.sessions.open(null);
		session.set("a", 1);
		session.save();
		assertThat(session.getSessionKey()).matches(KEY_FORMAT);
		assertThat(session.isModified()).isTrue();
		assertThat(this.engine.load(session.getSessionKey())).containsExactly(Map.entry("a", 1));
	}

	@Test
	void ensureLoadedForgetsAnUnknownKeyWithoutMarkingTheSessionAccessed() {
		Session session = this.sessions.open("unknownkey0123456789abcdefghijkl");
		session.ensureLoaded();
		assertThat(session.getSessionKey()).isNull();
		assertThat(session.isEmpty()).isTrue();
		assertThat(session.isAccessed()).isFalse();
		assertThat(this.engine.loads).isOne();
	}

	@Test
	void ensureLoadedLoadsOnlyOnce() {
		String key = existingSession("a", 1);
		Session session = this.sessions.open(key);
		session.ensureLoaded();
		session.ensureLoaded();
		assertThat(session.get("a")).isEqualTo(1);
		assertThat(session.getSessionKey()).isEqualTo(key);
		assertThat(this.engine.loads).isOne();
	}

	@Test
	void readAheadLoadsALiveSessionOnce() {
		String key = existingSession("a", 1);
		Session session = this.sessions.open(key);
		session.readAhead();
		assertThat(session.isLoaded()).isTrue();
		assertThat(session.isAccessed()).isFalse();
		session.readAhead();
		session.ensureLoaded();
		assertThat(session.get("a")).isEqualTo(1);
		assertThat(session.getSessionKey()).isEqualTo(key);
		assertThat(this.engine.loads).isOne();
	}

	@Test
	void readAheadKeepsAnUnknownKeyUntilTheDataIsUsed() {
		Session session = this.sessions.open("unknownkey0123456789abcdefghijkl");
		session.readAhead();
		assertThat(session.isLoaded()).isFalse();
		assertThat(session.getSessionKey()).isEqualTo("unknownkey0123456789abcdefghijkl");
		assertThat(session.get("a")).isNull();
		assertThat(session.getSessionKey()).isNull();
		assertThat(session.isEmpty()).isTrue();
		session.ensureLoaded();
		assertThat(this.engine.loads).isOne();
	}

	@Test
	void clearAfterAReadAheadOfAnUnknownKeySavesAnEmptySessionUnderANewKey() {
		Session session = this.sessions.open("unknownkey0123456789abcdefghijkl");
		session.readAhead();
		session.clear();
		assertThat(session.isEmpty()).isFalse();
		session.save();
		assertThat(this.engine.loads).isOne();
		assertThat(this.engine.creates).isOne();
		assertThat(session.getSessionKey()).matches(KEY_FORMAT).isNotEqualTo("unknownkey0123456789abcdefghijkl");
		assertThat(this.engine.load(session.getSessionKey())).isEmpty();
		assertThat(this.engine.load("unknownkey0123456789abcdefghijkl")).isNull();
	}

	@Test
	void dataIsLoadedOnceOnFirstUse() {
		String key = existingSession("a", 1, "b", 2);
		Session session = this.sessions.open(key);
		assertThat(session.get("a")).isEqualTo(1);
		assertThat(session.get("b")).isEqualTo(2);
		session.set("c", 3);
		session.save();
		assertThat(this.engine.loads).isOne();
	}

	// the flag table (§2.2)

	@Test
	void getReturnsTheValueAndMarksAccessedOnly() {
		Session session = this.sessions.open(existingSession("a", 1));
		assertThat(session.get("a")).isEqualTo(1);
		assertThat(session.isAccessed()).isTrue();
		assertThat(session.isModified()).isFalse();
	}

	@Test
	void getOfAMissingKeyReturnsNullAndMarksAccessedOnly() {
		Session session = this.sessions.open(existingSession("a", 1));
		assertThat(session.get("missing")).isNull();
		assertThat(session.isAccessed()).isTrue();
		assertThat(session.isModified()).isFalse();
	}

	@Test
	void getWithADefaultReturnsTheDefaultOnlyWhenTheKeyIsAbsent() {
		Session session = this.sessions.open(existingSession("a", 1, "nothing", null));
		assertThat(session.get("a", "default")).isEqualTo(1);
		assertThat(session.get("missing", "default")).isEqualTo("default");
		assertThat(session.get("nothing", "default")).isNull();
		assertThat(session.isAccessed()).isTrue();
		assertThat(session.isModified()).isFalse();
	}

	@Test
	void setStoresAndAlwaysMarksModified() {
		Session session = this.sessions.open(existingSession("a", 1));
		session.set("b", 2);
		assertThat(session.get("b")).isEqualTo(2);
		assertThat(session.isAccessed()).isTrue();
		assertThat(session.isModified()).isTrue();
	}

	@Test
	void setOfAnUnchangedValueMarksModified() {
		Session session = this.sessions.open(existingSession("a", 1));
		session.set("a", 1);
		assertThat(session.isModified()).isTrue();
	}

	@Test
	void setOfAValueTheSerializerCannotStoreFailsAndChangesNothing() {
		Session session = this.sessions.open(existingSession("a", 1));
		assertThatIllegalArgumentException().isThrownBy(() -> session.set("b", new Object()));
		assertThatIllegalArgumentException().isThrownBy(() -> session.set("b", List.of(new Object())));
		assertThat(session.isModified()).isFalse();
		assertThat(session.contains("b")).isFalse();
	}

	@Test
	void popOfAPresentKeyRemovesItAndMarksModified() {
		Session session = this.sessions.open(existingSession("a", 1));
		assertThat(session.pop("a")).isEqualTo(1);
		assertThat(session.contains("a")).isFalse();
		assertThat(session.isAccessed()).isTrue();
		assertThat(session.isModified()).isTrue();
	}

	@Test
	void popOfAnAbsentKeyReturnsNullAndDoesNotMarkModified() {
		Session session = this.sessions.open(existingSession("a", 1));
		assertThat(session.pop("missing")).isNull();
		assertThat(session.isAccessed()).isTrue();
		assertThat(session.isModified()).isFalse();
	}

	@Test
	void popWithADefaultReturnsTheDefaultOnlyWhenTheKeyIsAbsent() {
		Session session = this.sessions.open(existingSession("a", 1));
		assertThat(session.pop("missing", "default")).isEqualTo("default");
		assertThat(session.isAccessed()).isTrue();
		assertThat(session.isModified()).isFalse();
		assertThat(session.pop("a", "default")).isEqualTo(1);
		assertThat(session.isModified()).isTrue();
	}

	@Test
	void setDefaultOfAPresentKeyReturnsTheStoredValueAndDoesNotMarkModified() {
		Session session = this.sessions.open(existingSession("a", 1));
		assertThat(session.setDefault("a", 2)).isEqualTo(1);
		assertThat(session.get("a")).isEqualTo(1);
		assertThat(session.isAccessed()).isTrue();
		assertThat(session.isModified()).isFalse();
	}

	@Test
	void setDefaultOfAnAbsentKeyStoresAndMarksModified() {
		Session session = this.sessions.open(existingSession("a", 1));
		assertThat(session.setDefault("b", 2)).isEqualTo(2);
		assertThat(session.get("b")).isEqualTo(2);
		assertThat(session.isAccessed()).isTrue();
		assertThat(session.isModified()).isTrue();
		assertThat(session.setDefault("b", 3)).isEqualTo(2);
	}

	@Test
	void containsMarksAccessedOnly() {
		Session session = this.sessions.open(existingSession("a", 1));
		assertThat(session.contains("a")).isTrue();
		assertThat(session.contains("b")).isFalse();
		assertThat(session.isAccessed()).isTrue();
		assertThat(session.isModified()).isFalse();
	}

	@Test
	void keysValuesAndItemsAreReadOnlyViewsAndMarkAccessedOnly() {
		Session session = this.sessions.open(existingSession("a", 1, "b", "two"));
		assertThat(session.keys()).containsExactly("a", "b");
		assertThat(session.values()).containsExactly(1, "two");
		assertThat(session.items()).containsExactly(Map.entry("a", 1), Map.entry("b", "two"));
		assertThat(session.isAccessed()).isTrue();
		assertThat(session.isModified()).isFalse();
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> session.keys().remove("a"));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> session.values().clear());
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> session.items().put("c", 3));
		assertThat(session.items()).hasSize(2);
	}

	@Test
	void keysValuesAndItemsFollowLaterChanges() {
		Session session = this.sessions.open(existingSession("a", 1));
		Map<String, @Nullable Object> items = session.items();
		session.set("b", 2);
		assertThat(items).containsExactly(Map.entry("a", 1), Map.entry("b", 2));
	}

	@Test
	void clearEmptiesTheDataWithoutLoadingIt() {
		String key = existingSession("a", 1);
		Session session = this.sessions.open(key);
		session.clear();
		assertThat(session.isAccessed()).isTrue();
		assertThat(session.isModified()).isTrue();
		assertThat(session.items()).isEmpty();
		assertThat(session.getSessionKey()).isEqualTo(key);
		assertThat(this.engine.loads).isZero();
		session.save();
		assertThat(this.engine.loads).isZero();
		assertThat(this.engine.load(key)).isNotNull().isEmpty();
	}

	@Test
	void updateStoresEveryValueAndAlwaysMarksModified() {
		Session session = this.sessions.open(existingSession("a", 1));
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("b", 2);
		values.put("a", "one");
		session.update(values);
		assertThat(session.items()).containsExactly(Map.entry("a", "one"), Map.entry("b", 2));
		assertThat(session.isAccessed()).isTrue();
		assertThat(session.isModified()).isTrue();
	}

	@Test
	void updateWithAnEmptyMapMarksModified() {
		Session session = this.sessions.open(existingSession("a", 1));
		session.update(Map.of());
		assertThat(session.isAccessed()).isTrue();
		assertThat(session.isModified()).isTrue();
		assertThat(session.items()).containsExactly(Map.entry("a", 1));
	}

	@Test
	void updateWithAValueTheSerializerCannotStoreChangesNothing() {
		Session session = this.sessions.open(existingSession("a", 1));
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("b", 2);
		values.put("c", Instant.EPOCH);
		assertThatIllegalArgumentException().isThrownBy(() -> session.update(values));
		assertThat(session.isModified()).isFalse();
		assertThat(session.contains("b")).isFalse();
	}

	@Test
	void setModifiedMarksAnInPlaceChangeForSaving() {
		String key = existingSession("list", List.of(1));
		Session session = this.sessions.open(key);
		@SuppressWarnings("unchecked")
		List<Object> list = (List<Object>) session.get("list");
		list.add(2);
		assertThat(session.isModified()).isFalse();
		session.setModified(true);
		session.save();
		assertThat(this.sessions.open(key).get("list")).isEqualTo(List.of(1, 2));
	}

	// isEmpty

	@Test
	void newSessionIsEmptyUntilItHoldsData() {
		Session session = this.sessions.open(null);
		assertThat(session.isEmpty()).isTrue();
		session.get("a");
		assertThat(session.isEmpty()).isTrue();
		session.set("a", 1);
		assertThat(session.isEmpty()).isFalse();
		session.pop("a");
		assertThat(session.isEmpty()).isTrue();
	}

	@Test
	void sessionWithAKeyIsNeverEmpty() {
		String key = existingSession();
		Session notLoaded = this.sessions.open(key);
		assertThat(notLoaded.isEmpty()).isFalse();
		Session loaded = this.sessions.open(key);
		assertThat(loaded.items()).isEmpty();
		assertThat(loaded.isEmpty()).isFalse();
		Session cleared = this.sessions.open(key);
		cleared.clear();
		assertThat(cleared.isEmpty()).isFalse();
	}

	@Test
	void isEmptyNeitherLoadsNorMarksAccessed() {
		Session session = this.sessions.open(existingSession("a", 1));
		session.isEmpty();
		assertThat(session.isAccessed()).isFalse();
		assertThat(this.engine.loads).isZero();
	}

	@Test
	void sessionWithOnlyACustomExpiryIsNotEmpty() {
		Session session = this.sessions.open(null);
		session.setExpiry(60);
		assertThat(session.isEmpty()).isFalse();
		assertThat(session.keys()).containsExactly(SessionExpiry.EXPIRY_KEY);
	}

	// test cookie

	@Test
	void testCookieWorksAfterItIsSetAndSaved() {
		Session session = this.sessions.open(null);
		assertThat(session.testCookieWorked()).isFalse();
		session.setTestCookie();
		assertThat(session.isModified()).isTrue();
		assertThat(session.get(Session.TEST_COOKIE_KEY)).isEqualTo("worked");
		session.save();
		Session next = this.sessions.open(session.getSessionKey());
		assertThat(next.testCookieWorked()).isTrue();
		next.deleteTestCookie();
		assertThat(next.isModified()).isTrue();
		assertThat(next.testCookieWorked()).isFalse();
		assertThat(next.contains(Session.TEST_COOKIE_KEY)).isFalse();
	}

	@Test
	void testCookieWithAnotherValueDidNotWork() {
		Session session = this.sessions.open(null);
		session.set(Session.TEST_COOKIE_KEY, "did not");
		assertThat(session.testCookieWorked()).isFalse();
	}

	@Test
	void deleteTestCookieWithoutATestCookieDoesNothing() {
		Session session = this.sessions.open(existingSession("a", 1));
		session.deleteTestCookie();
		assertThat(session.isModified()).isFalse();
		assertThat(session.items()).containsExactly(Map.entry("a", 1));
	}

	// expiry API (§2.3)

	@Test
	void defaultExpiryIsTheCookieAge() {
		Session session = this.sessions.open(null);
		assertThat(session.getExpiryAge()).isEqualTo(COOKIE_AGE.toSeconds());
		assertThat(session.getExpiryDate()).isEqualTo(START.plus(COOKIE_AGE));
		session.setExpiry(0);
		assertThat(session.getExpiryAge()).isEqualTo(COOKIE_AGE.toSeconds());
		assertThat(session.getExpiryDate()).isEqualTo(START.plus(COOKIE_AGE));
	}

	@Test
	void setExpiryInSecondsIsStoredAsANumber() {
		Session session = this.sessions.open(null);
		session.setExpiry(10);
		assertThat(session.isModified()).isTrue();
		assertThat(session.get(SessionExpiry.EXPIRY_KEY)).isEqualTo(10L);
		assertThat(session.getExpiryAge()).isEqualTo(10);
		assertThat(session.getExpiryDate()).isEqualTo(START.plusSeconds(10));
		this.clock.advance(Duration.ofSeconds(3));
		// a number counts from the last save: still 10 from now
		assertThat(session.getExpiryAge()).isEqualTo(10);
		assertThat(session.getExpiryDate()).isEqualTo(START.plusSeconds(13));
	}

	@Test
	void setExpiryWithADateIsStoredAsAnIsoString() {
		Session session = this.sessions.open(null);
		Instant date = Instant.parse("2023-11-14T22:13:30.250Z");
		session.setExpiry(date);
		assertThat(session.get(SessionExpiry.EXPIRY_KEY)).isEqualTo("2023-11-14T22:13:30.250000+00:00");
		assertThat(session.getExpiryDate()).isEqualTo(date);
		assertThat(session.getExpiryAge()).isEqualTo(10);
		this.clock.advance(Duration.ofSeconds(5));
		// a date is fixed: the age shrinks
		assertThat(session.getExpiryAge()).isEqualTo(5);
		assertThat(session.getExpiryDate()).isEqualTo(date);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("pythonIsoformat")
	void setExpiryWithADateStoresWhatPythonsIsoformatWrites(PythonIsoformat vector) {
		Session session = this.sessions.open(null);
		session.setExpiry(vector.instant());
		assertThat(session.get(SessionExpiry.EXPIRY_KEY)).isEqualTo(vector.python());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("pythonIsoformatOfLiveSessions")
	void creationAndActivityAreStampedAsPythonsIsoformatWrites(PythonIsoformat vector) {
		this.clock.setInstant(vector.instant().plusNanos(999));
		this.sessions.setAbsoluteAge(Duration.ofHours(8));
		this.sessions.setIdleTimeout(Duration.ofMinutes(30), Duration.ofMinutes(1));
		Session session = this.sessions.open(null);
		session.set("a", 1);
		session.save();
		assertThat(this.engine.load(session.getSessionKey())).containsEntry(SessionFactory.CREATED_KEY, vector.python())
			.containsEntry(SessionFactory.LAST_SEEN_KEY, vector.python());
	}

	/**
	 * Return the instants of Python's vectors that a session can expire at: from the
	 * epoch to the end of 9999, to the second.
	 */
	static Stream<PythonIsoformat> pythonIsoformat() {
		return PythonIsoformat.vectors()
			.stream()
			.filter((vector) -> vector.instant().equals(SessionExpiry.clamp(vector.instant())));
	}

	/**
	 * Return the instants of Python's vectors at which a session saved has not expired
	 * yet.
	 */
	static Stream<PythonIsoformat> pythonIsoformatOfLiveSessions() {
		return pythonIsoformat().filter((vector) -> vector.instant().isBefore(SessionExpiry.LATEST.minus(COOKIE_AGE)));
	}

	@Test
	void setExpiryWithADurationFixesTheDateAndAgeIsFloored() {
		Session session = this.sessions.open(null);
		session.setExpiry(Duration.ofSeconds(120));
		assertThat(session.get(SessionExpiry.EXPIRY_KEY)).isEqualTo("2023-11-14T22:15:20+00:00");
		assertThat(session.getExpiryAge()).isEqualTo(120);
		this.clock.advance(Duration.ofMillis(5));
		assertThat(session.getExpiryAge()).isEqualTo(119);
		assertThat(session.getExpiryDate()).isEqualTo(START.plusSeconds(120));
	}

	@Test
	void negativeExpiryGivesAPastDate() {
		Session session = this.sessions.open(null);
		session.setExpiry(-10);
		assertThat(session.getExpiryAge()).isEqualTo(-10);
		assertThat(session.getExpiryDate()).isEqualTo(START.minusSeconds(10));
		assertThat(session.isExpireAtBrowserClose()).isFalse();
	}

	@Test
	void clearExpiryRestoresTheDefault() {
		Session session = this.sessions.open(null);
		session.setExpiry(10);
		session.setModified(false);
		session.clearExpiry();
		assertThat(session.isModified()).isTrue();
		assertThat(session.contains(SessionExpiry.EXPIRY_KEY)).isFalse();
		assertThat(session.getExpiryAge()).isEqualTo(COOKIE_AGE.toSeconds());
	}

	@Test
	void clearExpiryWithoutACustomExpiryDoesNotMarkModified() {
		Session session = this.sessions.open(existingSession("a", 1));
		session.clearExpiry();
		assertThat(session.isModified()).isFalse();
	}

	@Test
	void customExpirySurvivesASave() {
		Session session = this.sessions.open(null);
		session.set("a", 1);
		session.setExpiry(10);
		session.save();
		Session next = this.sessions.open(session.getSessionKey());
		assertThat(next.getExpiryAge()).isEqualTo(10);
		assertThat(next.isExpireAtBrowserClose()).isFalse();
	}

	@ParameterizedTest(name = "expire at browser close {0}, set_expiry({1}) -> {2}")
	@CsvSource(nullValues = "None", value = { "false, 10, false", "false, 0, true", "false, None, false",
			"true, 10, false", "true, 0, true", "true, None, true" })
	void expireAtBrowserCloseFollowsDjangosTruthTable(boolean setting, @Nullable Long expiry, boolean expected) {
		Session session = factory(setting).open(null);
		if (expiry != null) {
			session.setExpiry(expiry);
		}
		else {
			session.setExpiry(10);
			session.clearExpiry();
		}
		assertThat(session.isExpireAtBrowserClose()).isEqualTo(expected);
	}

	@Test
	void customExpiryDateIsNotABrowserSessionWhateverTheSetting() {
		Session session = factory(true).open(null);
		session.setExpiry(Duration.ofMinutes(5));
		assertThat(session.isExpireAtBrowserClose()).isFalse();
	}

	// lifecycle (§2.4)

	@Test
	void flushDeletesTheSessionAndForgetsTheKey() {
		String key = existingSession("a", 1);
		Session session = this.sessions.open(key);
		session.flush();
		assertThat(session.getSessionKey()).isNull();
		assertThat(session.isAccessed()).isTrue();
		assertThat(session.isModified()).isTrue();
		assertThat(session.items()).isEmpty();
		assertThat(session.isEmpty()).isTrue();
		assertThat(this.engine.load(key)).isNull();
		assertThat(this.sessions.open(key).get("a")).isNull();
		assertThat(rowCount()).isZero();
	}

	@Test
	void flushOfANewSessionDeletesNothing() {
		String other = existingSession("a", 1);
		Session session = this.sessions.open(null);
		session.set("b", 2);
		session.flush();
		assertThat(session.getSessionKey()).isNull();
		assertThat(this.engine.deletes).isZero();
		assertThat(this.engine.load(other)).isNotNull();
	}

	@Test
	void cycleKeyMovesTheDataToANewKey() {
		String oldKey = existingSession("user", "alice", "cart", List.of(1, 2));
		Session session = this.sessions.open(oldKey);
		assertThat(session.get("user")).isEqualTo("alice");
		session.cycleKey();
		String newKey = session.getSessionKey();
		assertThat(newKey).matches(KEY_FORMAT).isNotEqualTo(oldKey);
		assertThat(session.isModified()).isTrue();
		assertThat(session.items()).containsExactly(Map.entry("user", "alice"), Map.entry("cart", List.of(1, 2)));
		assertThat(this.engine.load(oldKey)).isNull();
		assertThat(this.engine.load(newKey)).containsExactly(Map.entry("user", "alice"),
				Map.entry("cart", List.of(1, 2)));
		assertThat(rowCount()).isOne();
	}

	@Test
	void cycleKeyKeepsTheRecordOfWhatTheRequestChangedAndASaveForgetsIt() {
		String oldKey = existingSession("user", "alice", "cart", List.of(1, 2));
		Session session = this.sessions.open(oldKey);
		session.set("user", "bob");
		session.cycleKey();
		assertThat(session.isChanged("user")).as("changed before the move").isTrue();
		assertThat(session.isChanged("cart")).isFalse();
		session.save();
		assertThat(session.isChanged("user")).as("saved").isFalse();
		assertThat(this.engine.load(session.getSessionKey())).containsEntry("user", "bob");
	}

	@Test
	void cycleKeyOfASessionNotYetLoadedKeepsTheData() {
		String oldKey = existingSession("user", "alice");
		Session session = this.sessions.open(oldKey);
		session.cycleKey();
		assertThat(session.getSessionKey()).isNotEqualTo(oldKey);
		assertThat(this.engine.load(session.getSessionKey())).containsExactly(Map.entry("user", "alice"));
		assertThat(this.engine.load(oldKey)).isNull();
	}

	@Test
	void cycleKeyThenSaveUpdatesTheNewSession() {
		String oldKey = existingSession("user", "alice");
		Session session = this.sessions.open(oldKey);
		session.cycleKey();
		session.set("logged_in", true);
		session.save();
		assertThat(this.engine.load(session.getSessionKey())).containsEntry("logged_in", true);
		assertThat(rowCount()).isOne();
	}

	@Test
	void cycleKeyOfAnUnknownKeyCreatesANewSessionOnly() {
		Session session = this.sessions.open("unknownkey0123456789abcdefghijkl");
		session.cycleKey();
		assertThat(session.getSessionKey()).matches(KEY_FORMAT);
		assertThat(rowCount()).isOne();
	}

	@Test
	void flushLaterEmptiesTheSessionNowAndDeletesTheStoredOneAtTheNextWrite() {
		String key = existingSession("user", "alice");
		Map<String, Map<String, @Nullable Object>> flushed = new LinkedHashMap<>();
		this.sessions.setListeners(List.of(new SessionListener() {

			@Override
			public void flushed(String flushedKey, Map<String, @Nullable Object> data) {
				flushed.put(flushedKey, Map.copyOf(data));
			}

		}));
		Session session = this.sessions.open(key);
		session.readAhead();
		this.engine.reset();
		session.flushLater();
		assertThat(session.getSessionKey()).isNull();
		assertThat(session.isEmpty()).isTrue();
		assertThat(session.isModified()).isTrue();
		assertThat(session.hasPendingDeletion()).isTrue();
		assertThat(this.engine.deletes).as("deletes before the write").isZero();
		assertThat(this.engine.load(key)).as("the stored session before the write").isNotNull();
		assertThat(flushed).isEmpty();
		session.set("user", "bob");
		session.save();
		assertThat(session.hasPendingDeletion()).isFalse();
		assertThat(this.engine.load(key)).as("the old session").isNull();
		assertThat(flushed).containsExactly(Map.entry(key, Map.of("user", "alice")));
		assertThat(session.getSessionKey()).isNotEqualTo(key);
		assertThat(this.engine.load(session.getSessionKey())).containsExactly(Map.entry("user", "bob"));
		assertThat(rowCount()).isOne();
	}

	@Test
	void deletePendingDeletesOnceAndOnlyAfterAFlushLater() {
		String key = existingSession("user", "alice");
		Session session = this.sessions.open(key);
		session.readAhead();
		session.deletePending();
		assertThat(this.engine.deletes).isZero();
		session.flushLater();
		session.deletePending();
		session.deletePending();
		assertThat(this.engine.deletes).isOne();
		assertThat(this.engine.load(key)).isNull();
	}

	@Test
	void cycleKeyLaterMovesTheDataToANewKeyAtTheSave() {
		String oldKey = existingSession("user", "alice");
		Session session = this.sessions.open(oldKey);
		session.readAhead();
		this.engine.reset();
		session.set("cart", 3);
		session.cycleKeyLater();
		assertThat(session.getSessionKey()).isNull();
		assertThat(session.items()).containsExactly(Map.entry("user", "alice"), Map.entry("cart", 3));
		assertThat(this.engine.deletes + this.engine.creates + this.engine.updates).as("writes before the save")
			.isZero();
		session.save();
		assertThat(session.getSessionKey()).matches(KEY_FORMAT).isNotEqualTo(oldKey);
		assertThat(this.engine.load(oldKey)).isNull();
		assertThat(this.engine.load(session.getSessionKey())).containsExactly(Map.entry("user", "alice"),
				Map.entry("cart", 3));
		assertThat(rowCount()).isOne();
	}

	@Test
	void aKeyChangeAfterAFlushLaterDeletesTheOldSessionFirst() {
		String oldKey = existingSession("user", "alice");
		Session session = this.sessions.open(oldKey);
		session.readAhead();
		session.flushLater();
		session.set("user", "bob");
		session.cycleKey();
		assertThat(this.engine.load(oldKey)).isNull();
		assertThat(this.engine.load(session.getSessionKey())).containsExactly(Map.entry("user", "bob"));
		assertThat(rowCount()).isOne();
	}

	@Test
	void cycleKeyLaterOfDataNotYetReadIsRefused() {
		Session session = this.sessions.open(existingSession("user", "alice"));
		assertThatIllegalStateException().isThrownBy(session::cycleKeyLater);
	}

	@Test
	void saveOfASessionDeletedElsewhereFailsAndDoesNotBringItBack() {
		String key = existingSession("user", "alice");
		Session first = this.sessions.open(key);
		assertThat(first.get("user")).isEqualTo("alice");
		// a logout in another request
		this.sessions.open(key).flush();
		first.set("user", "alice-again");
		assertThatExceptionOfType(SessionUpdateException.class).isThrownBy(first::save);
		assertThat(this.engine.load(key)).isNull();
		assertThat(rowCount()).isZero();
		Session later = this.sessions.open(key);
		assertThat(later.items()).isEmpty();
		assertThat(later.getSessionKey()).isNull();
	}

	@Test
	void saveDoesNotClearTheData() {
		Session session = this.sessions.open(null);
		session.set("a", 1);
		session.save();
		assertThat(session.items()).containsExactly(Map.entry("a", 1));
		session.save();
		assertThat(session.get("a")).isEqualTo(1);
	}

	@Test
	void saveOfAnExistingSessionKeepsItsKey() {
		String key = existingSession("a", 1);
		Session session = this.sessions.open(key);
		session.set("a", 2);
		session.save();
		assertThat(session.getSessionKey()).isEqualTo(key);
		assertThat(this.engine.load(key)).containsExactly(Map.entry("a", 2));
		assertThat(this.engine.creates).isZero();
	}

	@Test
	void keyCollisionIsRetriedWithAnotherKey() {
		String taken = existingSession("owner", "first");
		String fresh = SessionKeys.generate();
		Iterator<String> keys = List.of(taken, fresh).iterator();
		this.sessions.setKeyGenerator(keys::next);
		Session session = this.sessions.open(null);
		session.set("owner", "second");
		session.save();
		assertThat(session.getSessionKey()).isEqualTo(fresh);
		assertThat(this.engine.load(taken)).containsExactly(Map.entry("owner", "first"));
		assertThat(this.engine.load(fresh)).containsExactly(Map.entry("owner", "second"));
	}

	@Test
	void repeatedKeyCollisionsGiveUp() {
		String taken = existingSession("owner", "first");
		AtomicInteger attempts = new AtomicInteger();
		this.sessions.setKeyGenerator(() -> {
			attempts.incrementAndGet();
			return taken;
		});
		Session session = this.sessions.open(null);
		session.set("owner", "second");
		assertThatIllegalStateException().isThrownBy(session::save)
			.withMessageContaining("after " + attempts.get() + " attempts");
		assertThat(attempts).hasValueGreaterThan(1);
		assertThat(session.getSessionKey()).isNull();
		assertThat(this.engine.load(taken)).containsExactly(Map.entry("owner", "first"));
	}

	// absolute age

	@Test
	void absoluteAgeStampsTheCreationTimeOnce() {
		this.sessions.setAbsoluteAge(Duration.ofHours(8));
		Session session = this.sessions.open(null);
		session.set("a", 1);
		session.save();
		assertThat(session.get(SessionFactory.CREATED_KEY)).isEqualTo("2023-11-14T22:13:20+00:00");
		this.clock.advance(Duration.ofHours(1));
		Session later = this.sessions.open(session.getSessionKey());
		later.set("a", 2);
		later.save();
		assertThat(this.engine.load(later.getSessionKey())).containsEntry(SessionFactory.CREATED_KEY,
				"2023-11-14T22:13:20+00:00");
	}

	@Test
	void sessionOlderThanTheAbsoluteAgeLoadsEmptyHoweverActiveItIs() {
		this.sessions.setAbsoluteAge(Duration.ofHours(8));
		Session session = this.sessions.open(null);
		session.set("user", "alice");
		session.save();
		String key = session.getSessionKey();
		// saved every hour, so the idle expiry never strikes
		for (int hour = 1; hour < 8; hour++) {
			this.clock.advance(Duration.ofHours(1));
			Session active = this.sessions.open(key);
			assertThat(active.get("user")).as("hour %d", hour).isEqualTo("alice");
			active.set("hour", hour);
			active.save();
		}
		this.clock.advance(Duration.ofMinutes(59));
		assertThat(this.sessions.open(key).get("user")).isEqualTo("alice");
		this.clock.advance(Duration.ofMinutes(2));
		Session expired = this.sessions.open(key);
		assertThat(expired.get("user")).isNull();
		assertThat(expired.getSessionKey()).isNull();
	}

	@Test
	void sessionSavedBeforeAnAbsoluteAgeWasSetIsStampedOnItsNextSave() {
		String key = existingSession("a", 1);
		this.sessions.setAbsoluteAge(Duration.ofHours(8));
		this.clock.advance(Duration.ofHours(10));
		Session session = this.sessions.open(key);
		assertThat(session.get("a")).isEqualTo(1);
		session.save();
		assertThat(this.engine.load(key)).containsEntry(SessionFactory.CREATED_KEY, "2023-11-15T08:13:20+00:00");
	}

	@Test
	void absoluteAgeOfAFarFutureCreationTimeNeverOverflows() {
		String key = existingSession("a", 1, SessionFactory.CREATED_KEY, "+999999999-12-31T23:59:59+00:00");
		this.sessions.setAbsoluteAge(Duration.ofDays(3650));
		Session session = this.sessions.open(key);
		assertThat(session.get("a")).isEqualTo(1);
		session.set("a", 2);
		session.save();
		assertThat(this.sessions.open(key).get("a")).isEqualTo(2);
	}

	@Test
	void withoutAnAbsoluteAgeNoCreationTimeIsStored() {
		Session session = this.sessions.open(null);
		session.set("a", 1);
		session.save();
		assertThat(session.keys()).containsExactly("a");
	}

	@Test
	void absoluteAgeMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.sessions.setAbsoluteAge(Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> this.sessions.setAbsoluteAge(Duration.ofSeconds(-1)));
	}

	/**
	 * An engine that counts what a session asks of the engine it wraps.
	 */
	@Test
	void engineWithoutCompareAndSetKeepsWorkingAndTheLastSaveWins() {
		Session created = this.sessions.open(null);
		created.set("base", 0);
		created.save();
		String key = created.getSessionKey();
		Session first = this.sessions.open(key);
		Session second = this.sessions.open(key);
		first.set("a", 1);
		second.set("b", 2);
		first.save();
		second.save();
		assertThat(this.sessions.open(key).items()).containsExactly(Map.entry("base", 0), Map.entry("b", 2));
		assertThat(this.sessions.getSaveConflicts()).isZero();
		assertThat(this.engine.updates).isEqualTo(2);
	}

	/**
	 * Counts the operations of an engine. It implements only the methods an engine must
	 * have, as an engine of a user written before compare-and-set may, so the sessions of
	 * these tests have no version and are saved whole.
	 */
	static final class RecordingEngine implements SessionEngine {

		private final SessionEngine delegate;

		int loads;

		int creates;

		int updates;

		int deletes;

		RecordingEngine(SessionEngine delegate) {
			this.delegate = delegate;
		}

		void reset() {
			this.loads = 0;
			this.creates = 0;
			this.updates = 0;
			this.deletes = 0;
		}

		@Override
		public @Nullable Map<String, @Nullable Object> load(String key) {
			this.loads++;
			return this.delegate.load(key);
		}

		@Override
		public String save(String key, Map<String, @Nullable Object> data, Instant expiresAt, boolean mustCreate) {
			if (mustCreate) {
				this.creates++;
			}
			else {
				this.updates++;
			}
			return this.delegate.save(key, data, expiresAt, mustCreate);
		}

		@Override
		public void delete(String key) {
			this.deletes++;
			this.delegate.delete(key);
		}

		@Override
		public OptionalLong clearExpired() {
			return this.delegate.clearExpired();
		}

	}

}
