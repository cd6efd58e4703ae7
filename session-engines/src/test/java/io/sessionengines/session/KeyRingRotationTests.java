package io.sessionengines.session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;

import javax.sql.DataSource;

import io.sessionengines.engine.MutableClock;
import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.cache.CacheSessionEngine;
import io.sessionengines.engine.cache.CaffeineSessionCacheStore;
import io.sessionengines.engine.db.H2Database;
import io.sessionengines.engine.db.JdbcSessionEngine;
import io.sessionengines.engine.signedcookies.SignedCookieSessionEngine;
import io.sessionengines.signing.SigningKey;
import io.sessionengines.signing.SigningKeyRing;
import io.sessionengines.signing.TimestampSigner;
import io.sessionengines.signing.TokenCipher;
import io.sessionengines.testsupport.TypedTestValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for key rotation with a {@link SigningKeyRing} through sessions on real engines:
 * rotation logs nobody out, a read moves a session to the new key, retiring the old key
 * then ends only the sessions nobody used, and revoking a key ends exactly its sessions;
 * signed and encrypted alike.
 *
 * @author Session Engines contributors
 */
class KeyRingRotationTests {

	private static final Instant T0 = Instant.ofEpochSecond(1_700_000_000L);

	private static final Instant B_ACTIVE = T0.plus(Duration.ofDays(1));

	private static final Duration RETIRE_AFTER = Duration.ofDays(14);

	private static final Duration COOKIE_AGE = Duration.ofDays(30);

	private static final String SECRET_A = "secret-of-key-a-0123456789abcdefghijkl";

	private static final String SECRET_B = "secret-of-key-b-0123456789abcdefghijkl";

	private final MutableClock clock = new MutableClock(T0);

	private final SessionExpiry expiry = new SessionExpiry(COOKIE_AGE, false, this.clock);

	private final CaffeineSessionCacheStore cache = new CaffeineSessionCacheStore(100, () -> {
		Instant now = this.clock.instant();
		return now.getEpochSecond() * 1_000_000_000L + now.getNano();
	});

	private DataSource dataSource;

	@AfterEach
	void shutDown() {
		if (this.dataSource != null) {
			H2Database.shutdown(this.dataSource);
		}
	}

	static List<Arguments> engines() {
		return List.of(Arguments.of("cache", false), Arguments.of("cache", true), Arguments.of("db", false),
				Arguments.of("db", true), Arguments.of("signed_cookies", false), Arguments.of("signed_cookies", true));
	}

	@ParameterizedTest(name = "{0}, encrypted: {1}")
	@MethodSource("engines")
	void rotationKeepsSessionsAndAReadMovesThemToTheNewKey(String engine, boolean encrypted) {
		BiFunction<SigningKeyRing, String, SessionEngine> engines = engines(engine, encrypted);
		SessionFactory sessions = sessions(engines.apply(ring(false), salt(engine)));
		String read = create(sessions, "alice");
		String unread = create(sessions, "bob");
		this.clock.setInstant(B_ACTIVE.plus(Duration.ofHours(1)));
		Session first = sessions.open(read);
		assertThat(first.get("user")).isEqualTo("alice");
		assertThat(first.isModified()).as("loaded under the old key, so saved again").isTrue();
		first.save();
		String upgraded = first.getSessionKey();
		Session second = sessions.open(upgraded);
		assertThat(second.get("user")).isEqualTo("alice");
		assertThat(second.isModified()).as("under the new key now").isFalse();
		Session untouched = sessions.open(unread);
		assertThat(untouched.isAccessed()).isFalse();
		assertThat(untouched.isModified()).isFalse();
		this.clock.setInstant(B_ACTIVE.plus(RETIRE_AFTER));
		assertThat(sessions.open(upgraded).get("user")).as("the read session, after the old key retired")
			.isEqualTo("alice");
		assertThat(sessions.open(unread).get("user")).as("the unread session, after the old key retired").isNull();
	}

	@ParameterizedTest(name = "{0}, encrypted: {1}")
	@MethodSource("engines")
	void revokingAKeyEndsExactlyItsSessions(String engine, boolean encrypted) {
		BiFunction<SigningKeyRing, String, SessionEngine> engines = engines(engine, encrypted);
		SessionFactory sessions = sessions(engines.apply(ring(false), salt(engine)));
		String underA = create(sessions, "alice");
		this.clock.setInstant(B_ACTIVE);
		String underB = create(sessions, "bob");
		SessionFactory revoked = sessions(engines.apply(ring(true), salt(engine)));
		Session session = revoked.open(underA);
		assertThat(session.get("user")).isNull();
		assertThat(session.isEmpty()).isTrue();
		assertThat(revoked.open(underB).get("user")).isEqualTo("bob");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "cache", "db", "signed_cookies" })
	void turningEncryptionOnKeepsSignedSessionsAndEncryptsThemWhenRead(String engine) {
		SigningKeyRing ring = ring(false);
		SessionFactory signing = sessions(engines(engine, false).apply(ring, salt(engine)));
		String signed = create(signing, "alice");
		SessionFactory encrypting = sessions(engineOnSameStore(engine, true).apply(ring, salt(engine)));
		Session session = encrypting.open(signed);
		assertThat(session.get("user")).isEqualTo("alice");
		assertThat(session.isModified()).isTrue();
		session.save();
		Session again = encrypting.open(session.getSessionKey());
		assertThat(again.get("user")).isEqualTo("alice");
		assertThat(again.isModified()).isFalse();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "cache", "db", "signed_cookies" })
	void turningEncryptionOffKeepsEncryptedSessionsAndSignsThemWhenRead(String engine) {
		SigningKeyRing ring = ring(false);
		SessionFactory encrypting = sessions(engines(engine, true).apply(ring, salt(engine)));
		String encrypted = create(encrypting, "alice");
		SessionFactory signing = sessions(engineOnSameStore(engine, false).apply(ring, salt(engine)));
		Session session = signing.open(encrypted);
		assertThat(session.get("user")).isEqualTo("alice");
		assertThat(session.isModified()).isTrue();
		session.save();
		Session again = signing.open(session.getSessionKey());
		assertThat(again.get("user")).isEqualTo("alice");
		assertThat(again.isModified()).isFalse();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "cache", "db", "signed_cookies" })
	void djangosFallbackKeysAreNotUpgradedOnReadAsInDjango(String engine) {
		BiFunction<SigningKeyRing, String, SessionEngine> engines = engines(engine, false);
		String underA = create(sessions(engines.apply(SigningKeyRing.of(SECRET_A, List.of()), salt(engine))), "alice");
		SessionFactory rotated = sessions(engines.apply(SigningKeyRing.of(SECRET_B, List.of(SECRET_A)), salt(engine)));
		Session session = rotated.open(underA);
		assertThat(session.get("user")).isEqualTo("alice");
		assertThat(session.isModified()).isFalse();
	}

	private static SigningKeyRing ring(boolean revokeA) {
		return new SigningKeyRing(List.of(new SigningKey("a", SECRET_A, null, null, revokeA),
				new SigningKey("b", SECRET_B, B_ACTIVE, null, false)), RETIRE_AFTER);
	}

	private static String salt(String engine) {
		return engine.equals("signed_cookies") ? SignedCookieSessionEngine.SALT : SessionCodec.STORED_DATA_SALT;
	}

	/**
	 * Return how to make the engine under a ring, each engine of a test sharing one
	 * store.
	 */
	private BiFunction<SigningKeyRing, String, SessionEngine> engines(String engine, boolean encrypted) {
		if (engine.equals("db")) {
			this.dataSource = H2Database.create();
		}
		return engineOnSameStore(engine, encrypted);
	}

	private BiFunction<SigningKeyRing, String, SessionEngine> engineOnSameStore(String engine, boolean encrypted) {
		switch (engine) {
			case "cache" -> {
				return (ring, salt) -> new CacheSessionEngine(this.cache, codec(ring, salt, encrypted), this.expiry);
			}
			case "db" -> {
				return (ring, salt) -> {
					JdbcSessionEngine db = new JdbcSessionEngine(this.dataSource, codec(ring, salt, encrypted),
							this.expiry, JdbcSessionEngine.DEFAULT_TABLE);
					db.createTableIfMissing();
					return db;
				};
			}
			default -> {
				return (ring, salt) -> new SignedCookieSessionEngine(codec(ring, salt, encrypted), this.expiry);
			}
		}
	}

	private SessionCodec codec(SigningKeyRing ring, String salt, boolean encrypted) {
		return new SessionCodec(TypedTestValues.serializer(), new TimestampSigner(ring, salt, this.clock),
				new TokenCipher(ring, salt, this.clock), encrypted, SessionCodec.DEFAULT_MAX_DATA_SIZE);
	}

	private SessionFactory sessions(SessionEngine engine) {
		return new SessionFactory(engine, this.expiry, TypedTestValues.serializer());
	}

	private static String create(SessionFactory sessions, String user) {
		Session session = sessions.open(null);
		session.set("user", user);
		session.save();
		return session.getSessionKey();
	}

}
