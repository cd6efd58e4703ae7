package io.sessionengines.engine.signedcookies;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.sessionengines.engine.AbstractSessionEngineTests;
import io.sessionengines.engine.MutableClock;
import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.session.Session;
import io.sessionengines.session.SessionKeys;
import io.sessionengines.signing.TimestampSigner;
import io.sessionengines.testsupport.TypedTestValues;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SignedCookieSessionEngine}.
 *
 * @author Session Engines contributors
 */
class SignedCookieSessionEngineTests extends AbstractSessionEngineTests {

	private static final String SECRET_KEY = "django-insecure-test-vector-secret";

	/**
	 * Django's signed cookie for {@code {"k":"x"}}, signed at 1700000000 (§8 of the
	 * reference).
	 */
	private static final String DJANGO_COOKIE = "eyJrIjoieCJ9:1r31eq:QyiigmD6x2iGE_x8murR5kWSyynygTA7hQaf1X98VV8";

	/**
	 * Django's signed cookie for {@code {}}, signed at 1700000000.
	 */
	private static final String DJANGO_EMPTY_COOKIE = "e30:1r31eq:s3gAem4lvTZN72LsdZdngJ0pTv2oOMlfjh_eAlcgTFc";

	/**
	 * Django's stored-data token for {@code {"k":"x"}}: same data and time, other salt.
	 */
	private static final String DJANGO_STORED_DATA = "eyJrIjoieCJ9:1r31eq:TEjPDJkMYJyG4-vsC5rjHE0VLzs0S0YAFP7Eh36mpuA";

	private static final String TOKEN_FORMAT = "^\\.?[A-Za-z0-9_-]+:[0-9A-Za-z]+:[A-Za-z0-9_-]{43}$";

	@Override
	protected SessionEngine createEngine(MutableClock clock, SessionExpiry expiry) {
		return engine(SECRET_KEY, List.of(), SignedCookieSessionEngine.SALT, clock, expiry);
	}

	@Override
	protected boolean storesSessionsOnServer() {
		return false;
	}

	private static SignedCookieSessionEngine engine(String secretKey, List<String> fallbackKeys, String salt,
			Clock clock, SessionExpiry expiry) {
		TimestampSigner signer = new TimestampSigner(secretKey, fallbackKeys, salt, clock);
		return new SignedCookieSessionEngine(new SessionCodec(TypedTestValues.serializer(), signer), expiry);
	}

	private String sign(String json) {
		return new TimestampSigner(SECRET_KEY, List.of(), SignedCookieSessionEngine.SALT, clock())
			.sign(json.getBytes(StandardCharsets.US_ASCII));
	}

	@Test
	void signsSessionsExactlyAsDjangoDoes() {
		assertThat(create(data("k", "x"))).isEqualTo(DJANGO_COOKIE);
		assertThat(create(data())).isEqualTo(DJANGO_EMPTY_COOKIE);
	}

	@Test
	void loadsDjangosSignedCookies() {
		advanceClock(Duration.ofHours(1));
		assertThat(engine().load(DJANGO_COOKIE)).containsExactly(Map.entry("k", "x"));
		assertThat(engine().load(DJANGO_EMPTY_COOKIE)).isNotNull().isEmpty();
	}

	@Test
	void tokensHaveDjangosFormat() {
		assertThat(create(data("k", "x"))).matches(TOKEN_FORMAT).doesNotStartWith(".");
		assertThat(create(data())).matches(TOKEN_FORMAT);
		assertThat(create(data("big", "a".repeat(10_000)))).matches(TOKEN_FORMAT).startsWith(".");
		assertThat(create(data("é", "😀", "nested", List.of(Map.of("a", 1))))).matches(TOKEN_FORMAT);
	}

	@Test
	void largeSessionsAreCompressed() {
		String token = create(data("big", "a".repeat(100_000)));
		assertThat(token).startsWith(".").hasSizeLessThan(1_000);
		assertThat(engine().load(token)).containsExactly(Map.entry("big", "a".repeat(100_000)));
	}

	@Test
	void tamperedTokensLoadAsNull() {
		String token = create(data("user", "alice", "admin", false));
		String[] parts = token.split(":");
		List<String> tampered = List.of(
				// the data of another session under this signature
				create(data("user", "alice", "admin", true)).split(":")[0] + ":" + parts[1] + ":" + parts[2],
				// another timestamp
				parts[0] + ":" + "1r31ep" + ":" + parts[2],
				// one character of the signature changed
				parts[0] + ":" + parts[1] + ":" + flip(parts[2], 10),
				// one character of the data changed
				flip(parts[0], 3) + ":" + parts[1] + ":" + parts[2],
				// signature cut short, extended, removed
				token.substring(0, token.length() - 1), token + "A", parts[0] + ":" + parts[1] + ":",
				// upper-cased
				token.toUpperCase());
		for (String candidate : tampered) {
			assertThat(engine().load(candidate)).as(candidate).isNull();
		}
		assertThat(engine().load(token)).containsEntry("admin", false);
	}

	private static String flip(String text, int index) {
		char replacement = (text.charAt(index) == 'A') ? 'B' : 'A';
		return text.substring(0, index) + replacement + text.substring(index + 1);
	}

	@Test
	void tokensWithAnotherSaltLoadAsNull() {
		// the salt of stored session data: same data, same key, same time as
		// DJANGO_COOKIE
		assertThat(engine().load(DJANGO_STORED_DATA)).isNull();
		SessionEngine storedDataEngine = engine(SECRET_KEY, List.of(), SessionCodec.STORED_DATA_SALT, clock(),
				expiry());
		String token = storedDataEngine.save(SessionKeys.generate(), data("k", "x"), START.plus(COOKIE_AGE), true);
		assertThat(storedDataEngine.load(token)).containsExactly(Map.entry("k", "x"));
		assertThat(engine().load(token)).isNull();
	}

	@Test
	void tokensSignedWithAnotherSecretLoadAsNull() {
		SessionEngine other = engine("another-secret", List.of(), SignedCookieSessionEngine.SALT, clock(), expiry());
		String token = other.save(SessionKeys.generate(), data("k", "x"), START.plus(COOKIE_AGE), true);
		assertThat(engine().load(token)).isNull();
	}

	@Test
	void tokensSignedWithAFallbackKeyLoadAndNewTokensUseTheNewKey() {
		SessionEngine rotated = engine("the-new-secret", List.of(SECRET_KEY), SignedCookieSessionEngine.SALT, clock(),
				expiry());
		assertThat(rotated.load(DJANGO_COOKIE)).containsExactly(Map.entry("k", "x"));
		String token = rotated.save(SessionKeys.generate(), data("k", "x"), START.plus(COOKIE_AGE), true);
		assertThat(token).isNotEqualTo(DJANGO_COOKIE);
		assertThat(engine().load(token)).isNull();
		SessionEngine newKeyOnly = engine("the-new-secret", List.of(), SignedCookieSessionEngine.SALT, clock(),
				expiry());
		assertThat(newKeyOnly.load(token)).containsExactly(Map.entry("k", "x"));
	}

	@Test
	void tokensOlderThanTheCookieAgeLoadAsNull() {
		String token = create(data("user", "alice"));
		advanceClock(COOKIE_AGE.minusSeconds(1));
		assertThat(engine().load(token)).containsEntry("user", "alice");
		advanceClock(Duration.ofSeconds(2));
		assertThat(engine().load(token)).isNull();
		assertThat(engine().load(DJANGO_COOKIE)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "e30", "e30:1r31eq", "::", ":::", "e30::s3gAem4lvTZN72LsdZdngJ0pTv2oOMlfjh_eAlcgTFc",
			":1r31eq:s3gAem4lvTZN72LsdZdngJ0pTv2oOMlfjh_eAlcgTFc",
			"e30:1r31eq:s3gAem4lvTZN72LsdZdngJ0pTv2oOMlfjh_eAlcgTF",
			"e30:1r31eq:s3gAem4lvTZN72LsdZdngJ0pTv2oOMlfjh_eAlcgTFc=", "e30=:1r31eq:s3gAem4lvTZN72LsdZdngJ0pTv2oOMlfjh",
			".e30:1r31eq:s3gAem4lvTZN72LsdZdngJ0pTv2oOMlfjh_eAlcgTFc", "%%%:1r31eq:s3gAem4lvTZN72LsdZdngJ0pTv2oOMlfjh",
			"e30:1r31eq:s3gAem4lvTZN72LsdZdngJ0pTv2oOMlfjh_eAlcgTFc:extra", "0123456789abcdefghijklmnopqrstuv", "é:ü:ß",
			"\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000" })
	void malformedTokensLoadAsNull(String token) {
		assertThat(engine().load(token)).isNull();
	}

	@Test
	void validlySignedDataThatIsNotASessionLoadsAsNull() {
		for (String json : List.of("[]", "[\"k\",\"x\"]", "\"k\"", "42", "null", "{\"k\":", "not json", "",
				"{\"k\":\"x\"} trailing")) {
			assertThat(engine().load(sign(json))).as(json).isNull();
		}
	}

	@Test
	void customExpiryInSecondsIsEnforcedFromTheSignedTimestamp() {
		String token = create(data("user", "alice", SessionExpiry.EXPIRY_KEY, 60));
		advanceClock(Duration.ofSeconds(59));
		assertThat(engine().load(token)).containsEntry("user", "alice");
		advanceClock(Duration.ofSeconds(2));
		assertThat(engine().load(token)).isNull();
	}

	@Test
	void customExpiryIsEnforcedWhateverExpiryDateTheCallerPassed() {
		// the engine reads the deadline from the signed data, not from the save's
		// argument
		String token = engine().save(SessionKeys.generate(), data("user", "alice", SessionExpiry.EXPIRY_KEY, 60),
				START.plus(COOKIE_AGE), true);
		advanceClock(Duration.ofSeconds(61));
		assertThat(engine().load(token)).isNull();
		String dated = engine().save(SessionKeys.generate(), data("user", "alice", SessionExpiry.EXPIRY_KEY,
				SessionExpiry.format(clock().instant().plusSeconds(30))), START.plus(COOKIE_AGE), true);
		advanceClock(Duration.ofSeconds(29));
		assertThat(engine().load(dated)).containsEntry("user", "alice");
		advanceClock(Duration.ofSeconds(2));
		assertThat(engine().load(dated)).isNull();
	}

	@Test
	void customExpiryCannotOutliveTheCookieAge() {
		// as in Django, the cookie age since signing is a hard limit
		String token = create(data("user", "alice", SessionExpiry.EXPIRY_KEY, COOKIE_AGE.toSeconds() * 2));
		advanceClock(COOKIE_AGE.plusSeconds(1));
		assertThat(engine().load(token)).isNull();
	}

	@ParameterizedTest
	@ValueSource(longs = { 61, 3600, 86_400 * 365, 253_402_300_799L - 1_700_000_000L,
			13_537_086_546_263_551L - 1_700_000_000L })
	void tokensSignedInTheFutureBeyondTheClockSkewLoadAsNull(long secondsAhead) {
		// a token from a signer whose clock is ahead; forged with a leaked key, it would
		// otherwise outlive the cookie age
		MutableClock future = new MutableClock(START.plusSeconds(secondsAhead));
		String token = engine(SECRET_KEY, List.of(), SignedCookieSessionEngine.SALT, future, expiry())
			.save(SessionKeys.generate(), data("user", "mallory"), START, true);
		assertThat(engine().load(token)).isNull();
	}

	@Test
	void tokenSignedInTheFutureLoadsOnceItIsNoLongerInTheFuture() {
		MutableClock future = new MutableClock(START.plusSeconds(3600));
		String token = engine(SECRET_KEY, List.of(), SignedCookieSessionEngine.SALT, future, expiry())
			.save(SessionKeys.generate(), data("user", "alice"), START, true);
		assertThat(engine().load(token)).isNull();
		advanceClock(Duration.ofSeconds(3600 - 60));
		assertThat(engine().load(token)).containsEntry("user", "alice");
	}

	@ParameterizedTest
	@ValueSource(longs = { 1, 30, 60 })
	void tokensSignedWithinTheClockSkewLoad(long secondsAhead) {
		MutableClock future = new MutableClock(START.plusSeconds(secondsAhead));
		String token = engine(SECRET_KEY, List.of(), SignedCookieSessionEngine.SALT, future, expiry())
			.save(SessionKeys.generate(), data("user", "alice"), START, true);
		assertThat(engine().load(token)).containsEntry("user", "alice");
	}

	@ParameterizedTest
	@MethodSource("hostileExpiries")
	void forgedTokensWithHostileExpiriesLoadWithoutFailing(Object storedExpiry) {
		String token = create(data("user", "mallory", SessionExpiry.EXPIRY_KEY, storedExpiry));
		Instant deadline = expiry().date(storedExpiry, START);
		Map<String, @Nullable Object> loaded = engine().load(token);
		assertThat(loaded).isEqualTo(
				deadline.isAfter(START) ? data("user", "mallory", SessionExpiry.EXPIRY_KEY, storedExpiry) : null);
		MutableClock future = new MutableClock(Instant.ofEpochSecond(13_537_086_546_263_551L));
		String forged = engine(SECRET_KEY, List.of(), SignedCookieSessionEngine.SALT, future, expiry())
			.save(SessionKeys.generate(), data("user", "mallory", SessionExpiry.EXPIRY_KEY, storedExpiry), START, true);
		assertThat(engine().load(forged)).isNull();
	}

	@Test
	void deleteCannotRevokeAToken() {
		// documented limitation, as in Django: nothing is stored, so a copied cookie
		// stays
		// valid until it expires
		String token = create(data("user", "alice"));
		engine().delete(token);
		assertThat(engine().load(token)).containsEntry("user", "alice");
	}

	@Test
	void sessionKeyIsTheSignedToken() {
		Session session = sessions().open(null);
		session.set("k", "x");
		session.save();
		assertThat(session.getSessionKey()).isEqualTo(DJANGO_COOKIE);
		advanceClock(Duration.ofSeconds(5));
		Session next = sessions().open(session.getSessionKey());
		next.set("n", 1);
		next.save();
		assertThat(next.getSessionKey()).matches(TOKEN_FORMAT).isNotEqualTo(DJANGO_COOKIE);
		assertThat(sessions().open(next.getSessionKey()).items()).containsExactly(Map.entry("k", "x"),
				Map.entry("n", 1));
	}

	@Test
	void tamperedCookieOpensAnEmptySessionWithoutAKey() {
		Session session = sessions().open(flip(DJANGO_COOKIE, 2));
		assertThat(session.get("k")).isNull();
		assertThat(session.getSessionKey()).isNull();
		assertThat(session.isEmpty()).isTrue();
	}

	@Test
	void concurrentRequestsEachGetAWholeCookieOfTheirOwnChanges() {
		String cookie = create(data("base", 0));
		Session first = sessions().open(cookie);
		Session second = sessions().open(cookie);
		first.ensureLoaded();
		second.ensureLoaded();
		first.set("a", 1);
		second.set("b", 2);
		first.save();
		second.save();
		assertThat(sessions().getSaveConflicts()).as("no stored session to compare against").isZero();
		assertThat(engine().load(first.getSessionKey())).containsExactly(Map.entry("base", 0), Map.entry("a", 1));
		assertThat(engine().load(second.getSessionKey())).containsExactly(Map.entry("base", 0), Map.entry("b", 2));
	}

}
