package io.sessionengines.engine;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.sessionengines.registry.InMemorySessionRegistryStore;
import io.sessionengines.registry.RegistryFixture;
import io.sessionengines.registry.SessionRegistryContract;
import io.sessionengines.registry.SessionRegistryStore;
import io.sessionengines.serializer.JsonSessionSerializer;
import io.sessionengines.session.Session;
import io.sessionengines.session.SessionFactory;
import io.sessionengines.session.SessionKeys;
import io.sessionengines.testsupport.HostileValues;
import io.sessionengines.testsupport.TypedTestValues;
import io.sessionengines.testsupport.TypedTestValues.Badge;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * Tests for {@link SessionEngine}: the contract every engine meets, run against each one.
 * <p>
 * To test an engine, extend this class in your tests (it comes in the
 * {@code io.sessionengines:session-engines-test} artifact) and implement
 * {@link #createEngine(MutableClock, SessionExpiry)}: the engine must read the time from
 * the clock it is given and encode session data with
 * {@link TypedTestValues#serializer()}, as the sessions of these tests do. Then say which
 * parts of the contract apply to it ({@link #storesSessionsOnServer()},
 * {@link #purgesExpiredSessions()}); the tests that do not apply are reported as skipped.
 * Every test starts with a fresh engine, a {@link MutableClock} at {@link #START} and a
 * cookie age of {@link #COOKIE_AGE}, so that expiry is tested by moving the clock, never
 * by sleeping: an engine whose storage keeps time of its own (a server's) overrides
 * {@link #advanceClock(Duration)} to make that time jump too. The registry of each user's
 * sessions ({@link SessionRegistryContract}) runs on the engine with a registry store in
 * memory, or with the one {@link #createRegistryStore(MutableClock)} returns, and the
 * outage test with the engine {@link #createUnreachableEngine} returns, if any. An engine
 * without a compare-and-set of its own ({@link SessionEngine#compareAndSave}) skips the
 * tests of concurrent requests keeping each other's changes. An engine on a shared server
 * should use names or keys of its own in each test and remove them in an
 * {@code AfterEach} method.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public abstract class AbstractSessionEngineTests implements SessionRegistryContract {

	/**
	 * The cookie age of the expiry rules the engine is given.
	 */
	protected static final Duration COOKIE_AGE = Duration.ofDays(14);

	/**
	 * Where the clock starts: the time of Django's test vectors, a whole second.
	 */
	protected static final Instant START = Instant.ofEpochSecond(1_700_000_000L);

	private static final Duration SECOND = Duration.ofSeconds(1);

	/**
	 * How many times each race is run.
	 */
	private static final int RACE_ROUNDS = 20;

	/**
	 * How many requests race to save one session.
	 */
	private static final int RACING_WRITERS = 64;

	/**
	 * How many requests each writer sends to a busy session, one after the other.
	 */
	private static final int BUSY_SESSION_REQUESTS = 50;

	/**
	 * The latest expiry date every store can hold.
	 */
	private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

	private MutableClock clock;

	private SessionExpiry expiry;

	private SessionEngine engine;

	private SessionFactory sessions;

	@BeforeEach
	void setUpEngine() throws Exception {
		this.clock = createClock();
		this.expiry = new SessionExpiry(COOKIE_AGE, false, this.clock);
		this.engine = createEngine(this.clock, this.expiry);
		this.sessions = new SessionFactory(this.engine, this.expiry, TypedTestValues.serializer());
	}

	/**
	 * Create the clock that the engine and the expiry rules use.
	 * @return the clock, at {@link #START} by default
	 */
	protected MutableClock createClock() {
		return new MutableClock(START);
	}

	/**
	 * Create the engine under test, empty. Called before each test.
	 * @param clock the clock the engine must use to decide what has expired
	 * @param expiry the expiry rules, for engines that need them
	 * @return the engine
	 * @throws Exception if the engine cannot be created
	 */
	protected abstract SessionEngine createEngine(MutableClock clock, SessionExpiry expiry) throws Exception;

	/**
	 * Return whether the engine keeps sessions on the server, so that keys can collide, a
	 * deleted session is gone for good and an update can find its session missing. The
	 * {@code signed_cookies} engine returns {@code false}.
	 * @return whether sessions live on the server; {@code true} by default
	 */
	protected boolean storesSessionsOnServer() {
		return true;
	}

	/**
	 * Return whether {@link SessionEngine#clearExpired()} purges expired sessions and
	 * reports how many, rather than reporting that the storage expires them by itself.
	 * @return whether the engine purges; by default {@link #storesSessionsOnServer()}
	 */
	protected boolean purgesExpiredSessions() {
		return storesSessionsOnServer();
	}

	/**
	 * Move the clock forward. Every test moves time through this method, so that an
	 * engine whose storage keeps its own time (such as a cache with its own TTLs) can
	 * override it to make the storage see the same jump.
	 * @param duration how far
	 */
	protected void advanceClock(Duration duration) {
		this.clock.advance(duration);
	}

	/**
	 * Create an engine like {@link #createEngine} whose storage cannot be reached, such
	 * as one that connects to a port where nothing listens, for the test of outages.
	 * @param clock the clock
	 * @param expiry the expiry rules
	 * @return the engine, or {@code null} (the default) for an engine whose storage
	 * cannot be unreachable, which skips the test
	 * @throws Exception if the engine cannot be created
	 */
	protected @Nullable SessionEngine createUnreachableEngine(MutableClock clock, SessionExpiry expiry)
			throws Exception {
		return null;
	}

	/**
	 * Create the registry's store that the registry's contract runs on with this engine;
	 * by default one in memory.
	 * @param clock the clock
	 * @return the store
	 * @throws Exception if the store cannot be created
	 */
	protected SessionRegistryStore createRegistryStore(MutableClock clock) throws Exception {
		return new InMemorySessionRegistryStore(clock);
	}

	/**
	 * Create the registry's store as a second instance of an application sees it; by
	 * default the one {@link #createRegistryStore} made.
	 * @param clock the clock
	 * @param first the store {@link #createRegistryStore} made
	 * @return the store
	 * @throws Exception if the store cannot be created
	 */
	protected SessionRegistryStore createSecondRegistryStore(MutableClock clock, SessionRegistryStore first)
			throws Exception {
		return first;
	}

	@Override
	public RegistryFixture registryFixture() {
		try {
			SessionRegistryStore store = createRegistryStore(this.clock);
			return new RegistryFixture(this.engine, this.expiry, this.clock, store,
					createSecondRegistryStore(this.clock, store), this::advanceClock);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return the engine under test.
	 * @return the engine
	 */
	protected final SessionEngine engine() {
		return this.engine;
	}

	/**
	 * Return the clock the engine uses.
	 * @return the clock
	 */
	protected final MutableClock clock() {
		return this.clock;
	}

	/**
	 * Return the expiry rules the engine was given.
	 * @return the expiry rules
	 */
	protected final SessionExpiry expiry() {
		return this.expiry;
	}

	/**
	 * Return a session factory on the engine under test.
	 * @return the session factory
	 */
	protected final SessionFactory sessions() {
		return this.sessions;
	}

	/**
	 * Create a new session, as {@code Session.save()} does: under a fresh key, with the
	 * expiry date derived from the data and the current time.
	 * @param data the session data
	 * @return the value the session cookie carries
	 */
	protected final String create(Map<String, @Nullable Object> data) {
		return save(SessionKeys.generate(), data, true);
	}

	/**
	 * Save a session, as {@code Session.save()} does: with the expiry date derived from
	 * the data and the current time.
	 * @param key the session key
	 * @param data the session data, copied so that the caller's map is left alone
	 * @param mustCreate whether to create or update
	 * @return the value the session cookie carries
	 */
	protected final String save(String key, Map<String, @Nullable Object> data, boolean mustCreate) {
		Instant expiresAt = this.expiry.date(data.get(SessionExpiry.EXPIRY_KEY), this.clock.instant());
		return this.engine.save(key, new LinkedHashMap<>(data), expiresAt, mustCreate);
	}

	/**
	 * Build session data in the given order.
	 * @param keysAndValues alternating keys and values
	 * @return the data, in a mutable map
	 */
	protected static Map<String, @Nullable Object> data(@Nullable Object... keysAndValues) {
		Map<String, @Nullable Object> data = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			data.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return data;
	}

	@Test
	void keyIsThePayloadExactlyWhenSessionsDoNotLiveOnTheServer() {
		assertThat(this.engine.isKeyPayload()).isEqualTo(!storesSessionsOnServer());
	}

	@Test
	void availabilityCheckPassesWhileTheStorageIsReachable() {
		assertThatNoException().isThrownBy(this.engine::checkAvailability);
	}

	@Test
	void everyOperationOnUnreachableStorageThrowsUnavailable() throws Exception {
		SessionEngine unreachable = unreachableEngine();
		String key = SessionKeys.generate();
		Instant expiresAt = this.clock.instant().plus(COOKIE_AGE);
		assertThatExceptionOfType(SessionStoreUnavailableException.class).isThrownBy(() -> unreachable.load(key));
		assertThatExceptionOfType(SessionStoreUnavailableException.class).isThrownBy(() -> unreachable.loadStored(key));
		assertThatExceptionOfType(SessionStoreUnavailableException.class)
			.isThrownBy(() -> unreachable.save(key, data("a", 1), expiresAt, true));
		assertThatExceptionOfType(SessionStoreUnavailableException.class)
			.isThrownBy(() -> unreachable.save(key, data("a", 1), expiresAt, false));
		assertThatExceptionOfType(SessionStoreUnavailableException.class).isThrownBy(() -> unreachable.delete(key));
		assertThatExceptionOfType(SessionStoreUnavailableException.class).isThrownBy(unreachable::checkAvailability);
	}

	/**
	 * Return the engine with unreachable storage, or skip the test when it has none.
	 * @return the engine
	 * @throws Exception if the engine cannot be created
	 */
	private SessionEngine unreachableEngine() throws Exception {
		SessionEngine engine = createUnreachableEngine(this.clock, this.expiry);
		return (engine != null) ? engine : abort("the engine's storage cannot be unreachable");
	}

	@Test
	void savedSessionLoadsWithItsData() {
		String key = create(data("user", "alice", "count", 3));
		assertThat(this.engine.load(key)).containsExactly(Map.entry("user", "alice"), Map.entry("count", 3));
	}

	@Test
	void sessionWithNoDataLoadsAsEmptyNotAsMissing() {
		String key = create(data());
		assertThat(this.engine.load(key)).isNotNull().isEmpty();
	}

	@Test
	void loadedDataIsMutableAndDetachedFromTheStore() {
		String key = create(data("user", "alice"));
		Map<String, @Nullable Object> loaded = this.engine.load(key);
		assertThat(loaded).isNotNull();
		loaded.put("user", "mallory");
		loaded.put("extra", true);
		assertThat(this.engine.load(key)).containsExactly(Map.entry("user", "alice"));
	}

	@Test
	void savedDataIsDetachedFromTheCallersMap() {
		Map<String, @Nullable Object> data = data("user", "alice");
		String key = this.engine.save(SessionKeys.generate(), data, START.plus(COOKIE_AGE), true);
		data.put("user", "mallory");
		assertThat(this.engine.load(key)).containsExactly(Map.entry("user", "alice"));
	}

	@Test
	void updateReplacesTheData() {
		String key = SessionKeys.generate();
		String cookie = save(key, data("user", "alice", "cart", List.of(1, 2)), true);
		String updated = save(key, data("user", "bob"), false);
		assertThat(this.engine.load(updated)).containsExactly(Map.entry("user", "bob"));
		if (storesSessionsOnServer()) {
			assertThat(updated).isEqualTo(cookie);
		}
	}

	@Test
	void saveReturnsTheKeyWhenSessionsLiveOnTheServer() {
		assumeThat(storesSessionsOnServer()).as("sessions live on the server").isTrue();
		String key = SessionKeys.generate();
		assertThat(save(key, data("a", 1), true)).isEqualTo(key);
		assertThat(save(key, data("a", 2), false)).isEqualTo(key);
	}

	@Test
	void createWithATakenKeyFailsAndKeepsTheExistingSession() {
		assumeThat(storesSessionsOnServer()).as("sessions live on the server").isTrue();
		String key = create(data("owner", "first"));
		assertThatExceptionOfType(SessionCreateException.class)
			.isThrownBy(() -> save(key, data("owner", "second"), true));
		assertThat(this.engine.load(key)).containsExactly(Map.entry("owner", "first"));
	}

	@Test
	void updateOfADeletedSessionFailsAndDoesNotBringItBack() {
		assumeThat(storesSessionsOnServer()).as("sessions live on the server").isTrue();
		String key = create(data("user", "alice"));
		this.engine.delete(key);
		assertThatExceptionOfType(SessionUpdateException.class)
			.isThrownBy(() -> save(key, data("user", "alice", "more", 1), false));
		assertThat(this.engine.load(key)).isNull();
		// the key is free: nothing was written under it
		assertThat(save(key, data("fresh", true), true)).isEqualTo(key);
	}

	@Test
	void deleteRacingUpdatesNeverBringsTheSessionBack() throws Exception {
		assumeThat(storesSessionsOnServer()).as("sessions live on the server").isTrue();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			for (int round = 0; round < 10; round++) {
				String key = create(data("writer", -1));
				CountDownLatch start = new CountDownLatch(1);
				List<Future<?>> tasks = new ArrayList<>();
				for (int writer = 0; writer < 32; writer++) {
					int number = writer;
					tasks.add(pool.submit(() -> {
						start.await();
						try {
							this.engine.save(key, data("writer", number), START.plus(COOKIE_AGE), false);
						}
						catch (SessionUpdateException ex) {
							// deleted first: the update must fail, as it does
						}
						return null;
					}));
					if (writer == 16) {
						tasks.add(pool.submit(() -> {
							start.await();
							this.engine.delete(key);
							return null;
						}));
					}
				}
				start.countDown();
				for (Future<?> task : tasks) {
					task.get(30, TimeUnit.SECONDS);
				}
				assertThat(this.engine.load(key)).as("round %d: the deleted session stays deleted", round).isNull();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void updateOfASessionThatNeverExistedFails() {
		assumeThat(storesSessionsOnServer()).as("sessions live on the server").isTrue();
		String key = SessionKeys.generate();
		assertThatExceptionOfType(SessionUpdateException.class).isThrownBy(() -> save(key, data("a", 1), false));
		assertThat(this.engine.load(key)).isNull();
	}

	@Test
	void loadOfAnUnknownKeyReturnsNullAndCreatesNothing() {
		String key = SessionKeys.generate();
		assertThat(this.engine.load(key)).isNull();
		assertThat(this.engine.load(key)).isNull();
		if (storesSessionsOnServer()) {
			// creating under that key succeeds only if the loads stored nothing
			assertThat(save(key, data("a", 1), true)).isEqualTo(key);
		}
	}

	@Test
	void loadOfAnOverlongKeyReturnsNull() {
		assertThat(this.engine.load("a".repeat(1240))).isNull();
	}

	@Test
	void loadOfKeysWithUnusualCharactersReturnsNull() {
		for (String key : List.of("../../../../etc/passwd", "a\\b\\c\\d\\e", "key with spaces", "clé-ÄÖÜ-€-😀",
				"'; DROP TABLE django_session; --", "%00%00%00%00%00")) {
			assertThat(this.engine.load(key)).as(key).isNull();
		}
	}

	@Test
	void deleteRemovesTheSessionAndIsIdempotent() {
		String key = create(data("user", "alice"));
		this.engine.delete(key);
		assertThatNoException().isThrownBy(() -> this.engine.delete(key));
		assertThatNoException().isThrownBy(() -> this.engine.delete(SessionKeys.generate()));
		assertThatNoException().isThrownBy(() -> this.engine.delete("a".repeat(1240)));
		if (storesSessionsOnServer()) {
			assertThat(this.engine.load(key)).isNull();
		}
	}

	@Test
	void deleteLeavesOtherSessionsAlone() {
		String kept = create(data("user", "alice"));
		String deleted = create(data("user", "bob"));
		this.engine.delete(deleted);
		assertThat(this.engine.load(kept)).containsExactly(Map.entry("user", "alice"));
	}

	@Test
	void sessionExpiresTheCookieAgeAfterItsLastSave() {
		String key = create(data("user", "alice"));
		advanceClock(COOKIE_AGE.minus(SECOND));
		assertThat(this.engine.load(key)).containsExactly(Map.entry("user", "alice"));
		advanceClock(SECOND.multipliedBy(2));
		assertThat(this.engine.load(key)).isNull();
	}

	@Test
	void updateRestartsTheExpiry() {
		String key = SessionKeys.generate();
		save(key, data("user", "alice"), true);
		advanceClock(COOKIE_AGE.minus(SECOND));
		String updated = save(key, data("user", "alice"), false);
		advanceClock(SECOND.multipliedBy(2));
		assertThat(this.engine.load(updated)).containsExactly(Map.entry("user", "alice"));
		advanceClock(COOKIE_AGE);
		assertThat(this.engine.load(updated)).isNull();
	}

	@Test
	void customExpiryInSecondsIsEnforced() {
		Session session = this.sessions.open(null);
		session.set("user", "alice");
		session.setExpiry(60);
		session.save();
		String key = session.getSessionKey();
		advanceClock(Duration.ofSeconds(59));
		assertThat(this.sessions.open(key).get("user")).isEqualTo("alice");
		advanceClock(Duration.ofSeconds(2));
		Session expired = this.sessions.open(key);
		assertThat(expired.get("user")).isNull();
		assertThat(expired.getSessionKey()).isNull();
	}

	@Test
	void negativeCustomExpiryIsEnforced() {
		Session session = this.sessions.open(null);
		session.set("user", "alice");
		session.setExpiry(-10);
		session.save();
		assertThat(this.sessions.open(session.getSessionKey()).get("user")).isNull();
		assertThat(this.engine.load(key(session))).isNull();
	}

	@Test
	void customExpiryDateInThePastIsEnforced() {
		Session session = this.sessions.open(null);
		session.set("user", "alice");
		session.set(SessionExpiry.EXPIRY_KEY, "2000-01-01T00:00:00+00:00");
		session.save();
		assertThat(this.sessions.open(session.getSessionKey()).get("user")).isNull();
		assertThat(this.engine.load(key(session))).isNull();
	}

	@Test
	void customExpiryDateIsEnforced() {
		Session session = this.sessions.open(null);
		session.set("user", "alice");
		session.setExpiry(this.clock.instant().plusSeconds(30));
		session.save();
		advanceClock(Duration.ofSeconds(29));
		assertThat(this.engine.load(key(session))).containsEntry("user", "alice");
		advanceClock(Duration.ofSeconds(2));
		assertThat(this.engine.load(key(session))).isNull();
	}

	@Test
	void customExpiryDurationIsEnforcedAndNotExtendedBySaves() {
		Session session = this.sessions.open(null);
		session.set("user", "alice");
		session.setExpiry(Duration.ofMinutes(5));
		session.save();
		advanceClock(Duration.ofMinutes(4));
		Session later = this.sessions.open(session.getSessionKey());
		later.set("visits", 2);
		later.save();
		advanceClock(Duration.ofSeconds(59));
		assertThat(this.sessions.open(later.getSessionKey()).get("visits")).isEqualTo(2);
		advanceClock(Duration.ofSeconds(2));
		assertThat(this.sessions.open(later.getSessionKey()).get("visits")).isNull();
		assertThat(this.engine.load(key(later))).isNull();
	}

	@Test
	void expiryAtBrowserCloseKeepsTheSessionForTheCookieAge() {
		Session session = this.sessions.open(null);
		session.set("user", "alice");
		session.setExpiry(0);
		session.save();
		advanceClock(COOKIE_AGE.minus(SECOND));
		assertThat(this.engine.load(key(session))).containsEntry("user", "alice");
		advanceClock(SECOND.multipliedBy(2));
		assertThat(this.engine.load(key(session))).isNull();
	}

	@Test
	void clearExpiredRemovesExactlyTheExpiredSessions() {
		String live = create(data("n", 1));
		String liveCustom = create(data("n", 2, SessionExpiry.EXPIRY_KEY, 3600));
		String expiredCustom = create(data("n", 3, SessionExpiry.EXPIRY_KEY, 10));
		String expiredInThePast = create(data("n", 4, SessionExpiry.EXPIRY_KEY, -10));
		advanceClock(Duration.ofSeconds(11));
		OptionalLong removed = this.engine.clearExpired();
		if (!purgesExpiredSessions()) {
			assertThat(removed).isEmpty();
			return;
		}
		assertThat(removed).hasValue(2);
		assertThat(this.engine.load(live)).containsEntry("n", 1);
		assertThat(this.engine.load(liveCustom)).containsEntry("n", 2);
		// the expired sessions are gone, not only hidden: their keys can be created again
		assertThat(save(expiredCustom, data("n", 5), true)).isEqualTo(expiredCustom);
		assertThat(save(expiredInThePast, data("n", 6), true)).isEqualTo(expiredInThePast);
		assertThat(this.engine.clearExpired()).hasValue(0);
	}

	/**
	 * Custom expiries that no store can hold as such: dates past the year 9999 or before
	 * the epoch, and numbers of seconds that overflow any date, as a client of an API
	 * that stores what it is sent could set them.
	 * @return the values stored under {@value SessionExpiry#EXPIRY_KEY}
	 */
	protected static Stream<Object> hostileExpiries() {
		return Stream.of("9999-12-31T23:59:59.999999+00:00", "9999-12-31T23:59:59+00:00", "2400-01-01T00:00:00+00:00",
				"1700-01-01T00:00:00+00:00", "0001-01-01T00:00:00", "+999999999-12-31T23:59:59+00:00",
				"-999999999-01-01T00:00:00+00:00", Long.MAX_VALUE, Long.MIN_VALUE, 999_999_999_999L, 1e300, -1e300,
				new BigInteger("18446744073709551616"), new BigInteger("-18446744073709551616"));
	}

	@ParameterizedTest
	@MethodSource("hostileExpiries")
	void hostileExpiriesAreClampedAndLoadConsistently(Object storedExpiry) {
		Session session = this.sessions.open(null);
		session.set("user", "alice");
		session.set(SessionExpiry.EXPIRY_KEY, storedExpiry);
		session.save();
		Instant now = this.clock.instant();
		Instant date = session.getExpiryDate();
		assertThat(date).isBetween(Instant.EPOCH, LATEST);
		assertThat(session.getExpiryAge()).isEqualTo(date.getEpochSecond() - now.getEpochSecond());
		boolean live = date.isAfter(now);
		Session loaded = this.sessions.open(session.getSessionKey());
		assertThat(loaded.get("user")).isEqualTo(live ? "alice" : null);
		if (live) {
			loaded.set("visits", 2);
			loaded.save();
			assertThat(this.sessions.open(loaded.getSessionKey()).get("visits")).isEqualTo(2);
		}
	}

	@Test
	void expiriesSetBeyondWhatStoresHoldAreClamped() {
		Session session = this.sessions.open(null);
		session.set("user", "alice");
		session.setExpiry(Instant.MAX);
		assertThat(session.getExpiryDate()).isEqualTo(LATEST);
		session.setExpiry(Duration.ofSeconds(Long.MAX_VALUE));
		assertThat(session.getExpiryDate()).isEqualTo(LATEST);
		session.setExpiry(Long.MAX_VALUE);
		session.save();
		assertThat(this.sessions.open(session.getSessionKey()).get("user")).isEqualTo("alice");
		session.setExpiry(Instant.MIN);
		assertThat(session.getExpiryDate()).isEqualTo(Instant.EPOCH);
		session.save();
		assertThat(this.sessions.open(session.getSessionKey()).get("user")).isNull();
	}

	@Test
	void saveClampsAnExpiryDateNoStoreCanHold() {
		String key = this.engine.save(SessionKeys.generate(), data("user", "alice"), Instant.MAX, true);
		assertThat(this.engine.load(key)).containsEntry("user", "alice");
		String updated = this.engine.save(key, data("user", "bob"), Instant.MIN, false);
		assertThat(this.engine.load(updated)).satisfiesAnyOf((loaded) -> assertThat(loaded).isNull(),
				(loaded) -> assertThat(loaded).containsEntry("user", "bob"));
	}

	@Test
	void unicodeSurvives() {
		Map<String, @Nullable Object> data = data("é", "café", "日本語", "こんにちは世界", "emoji 😀", "👍🏽 family: 👨‍👩‍👧",
				"controls", "tab\tnewline\nquote\"backslash\\nul\u0000", "latin-1", "ÿ\u00a0\u0080", "separators",
				"\u2028\u2029", "astral", "𝄞 music");
		String key = create(data);
		assertThat(this.engine.load(key)).containsExactlyEntriesOf(data);
	}

	@Test
	void largeValuesSurvive() {
		Random random = new Random(42);
		StringBuilder text = new StringBuilder();
		while (text.length() < 100 * 1024) {
			text.append(SessionKeys.KEY_CHARACTERS.charAt(random.nextInt(SessionKeys.KEY_CHARACTERS.length())));
		}
		List<Integer> numbers = new ArrayList<>();
		for (int i = 0; i < 5000; i++) {
			numbers.add(random.nextInt());
		}
		Map<String, @Nullable Object> data = data("text", text.toString(), "repetitive", "a".repeat(100 * 1024),
				"numbers", numbers);
		String key = create(data);
		assertThat(this.engine.load(key)).containsExactlyEntriesOf(data);
	}

	@Test
	void nestedValuesSurvive() {
		Map<String, @Nullable Object> data = data("user",
				data("id", 42, "roles", List.of("admin", "staff"), "profile",
						data("name", "Ada", "tags", List.of(), "prefs", data())),
				"cart",
				List.of(data("sku", "A-1", "qty", 2, "price", 9.99), data("sku", "B-2", "qty", 1, "price", 0.5)),
				"matrix", List.of(List.of(1, 2), List.of(3, 4)), "mixed",
				Arrays.asList(null, true, false, 0, -1, 10_000_000_000L, 1.5, "s"), "nothing", null, "empty", "");
		String key = create(data);
		assertThat(this.engine.load(key)).containsExactlyEntriesOf(data);
	}

	@Test
	void keyOrderSurvives() {
		Map<String, @Nullable Object> data = data("zebra", 1, "apple", 2, "mango", 3, "_auth_user_id", "7", "banana",
				4);
		String key = create(data);
		assertThat(this.engine.load(key)).isNotNull()
			.extractingFromEntries(Map.Entry::getKey)
			.containsExactly("zebra", "apple", "mango", "_auth_user_id", "banana");
	}

	@Test
	void typedValuesComeBackTypedAndPlainMapsShapedLikeThemStayPlain() {
		Session session = this.sessions.open(null);
		session.set("badge", new Badge("staff", 2));
		session.set("forged", HostileValues.badgeShapedMap());
		session.save();
		Map<String, @Nullable Object> loaded = this.engine.load(key(session));
		assertThat(loaded).isNotNull().doesNotContainKey(JsonSessionSerializer.TYPED_KEYS);
		assertThat(loaded.get("badge")).isEqualTo(new Badge("staff", 2));
		assertThat(loaded.get("forged")).isEqualTo(HostileValues.badgeShapedMap());
	}

	@Test
	void hostileValuesComeBackAsTheSamePlainValues() {
		HostileValues hostile = new HostileValues(7);
		for (int round = 0; round < 40; round++) {
			Map<String, @Nullable Object> values = new LinkedHashMap<>();
			values.put("SPRING_SECURITY_CONTEXT", hostile.nextMap());
			values.put("badge", hostile.nextMap());
			values.put("nested", List.of(hostile.nextMap(), hostile.nextMap()));
			Session session = this.sessions.open(null);
			session.update(values);
			session.save();
			Map<String, @Nullable Object> loaded = this.engine.load(key(session));
			assertThat(loaded).as("round %d", round).isEqualTo(values);
			assertThat(HostileValues.isPlain(loaded)).as("round %d has only plain values: %s", round, loaded).isTrue();
		}
	}

	@Test
	void concurrentWritersOfDisjointKeysKeepEveryKey() throws Exception {
		assumeThat(storesSessionsOnServer()).as("sessions live on the server").isTrue();
		assumeThat(comparesAndSets()).as("the engine compares and sets").isTrue();
		for (int round = 0; round < RACE_ROUNDS; round++) {
			String key = create(data("base", 0));
			List<Supplier<Runnable>> writers = new ArrayList<>();
			for (int writer = 0; writer < RACING_WRITERS; writer++) {
				String name = "writer" + writer;
				int value = writer;
				writers.add(() -> {
					Session session = this.sessions.open(key);
					session.ensureLoaded();
					return () -> {
						session.set(name, value);
						session.save();
					};
				});
			}
			race(writers);
			Map<String, @Nullable Object> stored = this.engine.load(key);
			assertThat(stored).as("round %d", round).isNotNull().containsEntry("base", 0);
			for (int writer = 0; writer < RACING_WRITERS; writer++) {
				assertThat(stored).as("round %d: writer %d's key", round, writer)
					.containsEntry("writer" + writer, writer);
			}
		}
	}

	@Test
	void requestsThatKeepSavingABusySessionNeverGiveUp() throws Exception {
		assumeThat(storesSessionsOnServer()).as("sessions live on the server").isTrue();
		assumeThat(comparesAndSets()).as("the engine compares and sets").isTrue();
		String key = create(data("visits", 0));
		ExecutorService pool = Executors.newFixedThreadPool(RACING_WRITERS / 2);
		try {
			List<Future<?>> writers = new ArrayList<>();
			for (int writer = 0; writer < RACING_WRITERS / 2; writer++) {
				String name = "writer" + writer;
				writers.add(pool.submit(() -> {
					// a new request as soon as the last is answered, as a browser's
					// connection sends them; each takes a moment between loading the
					// session and saving it
					for (int request = 0; request < BUSY_SESSION_REQUESTS; request++) {
						Session session = this.sessions.open(key);
						session.ensureLoaded();
						Thread.sleep(1);
						session.set("visits", request);
						session.set(name, request);
						session.save();
					}
					return null;
				}));
			}
			for (Future<?> writer : writers) {
				writer.get(120, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.sessions.getFailedSaves()).isZero();
		// the requests of one process save one after the other, each from what the one
		// before saved: a request meets a conflict only when it loaded the session before
		// a save that no other request was waiting to follow
		assertThat(this.sessions.getSaveConflicts())
			.isLessThanOrEqualTo((long) RACING_WRITERS / 2 * BUSY_SESSION_REQUESTS);
		Map<String, @Nullable Object> stored = this.engine.load(key);
		for (int writer = 0; writer < RACING_WRITERS / 2; writer++) {
			assertThat(stored).containsEntry("writer" + writer, BUSY_SESSION_REQUESTS - 1);
		}
	}

	@Test
	void concurrentWritersOfOneKeyLeaveOneOfTheirValues() throws Exception {
		assumeThat(storesSessionsOnServer()).as("sessions live on the server").isTrue();
		String key = create(data("shared", -1, "kept", true));
		List<Supplier<Runnable>> writers = new ArrayList<>();
		for (int writer = 0; writer < RACING_WRITERS / 4; writer++) {
			int value = writer;
			writers.add(() -> {
				Session session = this.sessions.open(key);
				session.ensureLoaded();
				return () -> {
					session.set("shared", value);
					session.save();
				};
			});
		}
		race(writers);
		Map<String, @Nullable Object> stored = this.engine.load(key);
		assertThat(stored).isNotNull().containsEntry("kept", true);
		assertThat(stored.get("shared")).isInstanceOf(Integer.class);
		assertThat((Integer) stored.get("shared")).isBetween(0, RACING_WRITERS / 4 - 1);
	}

	@Test
	void aWriterMeetingAConcurrentSaveAppliesOnlyItsOwnChanges() {
		assumeThat(storesSessionsOnServer()).as("sessions live on the server").isTrue();
		assumeThat(comparesAndSets()).as("the engine compares and sets").isTrue();
		String key = create(data("a", 1, "b", 2, "c", 3));
		Session first = this.sessions.open(key);
		Session second = this.sessions.open(key);
		first.ensureLoaded();
		second.ensureLoaded();
		first.set("a", 10);
		first.pop("c");
		first.save();
		second.set("b", 20);
		second.set("d", 4);
		second.save();
		assertThat(this.engine.load(key)).containsExactly(Map.entry("a", 10), Map.entry("b", 20), Map.entry("d", 4));
		assertThat(this.sessions.getSaveConflicts()).isEqualTo(1);
		assertThat(second.items()).as("the request's session now holds what it saved")
			.containsExactly(Map.entry("a", 10), Map.entry("b", 20), Map.entry("d", 4));
	}

	@Test
	void aClearMeetingAConcurrentSaveRemovesEverythingItSaw() {
		assumeThat(storesSessionsOnServer()).as("sessions live on the server").isTrue();
		String key = create(data("a", 1));
		Session writer = this.sessions.open(key);
		Session clearer = this.sessions.open(key);
		writer.ensureLoaded();
		clearer.ensureLoaded();
		writer.set("b", 2);
		writer.save();
		clearer.clear();
		clearer.set("fresh", true);
		clearer.save();
		assertThat(this.engine.load(key)).containsExactly(Map.entry("fresh", true));
	}

	@Test
	void aValueChangedInPlaceIsKeptWhenTheSaveMeetsAConcurrentOne() {
		assumeThat(storesSessionsOnServer()).as("sessions live on the server").isTrue();
		assumeThat(comparesAndSets()).as("the engine compares and sets").isTrue();
		String key = create(data("cart", new ArrayList<>(List.of(1))));
		Session other = this.sessions.open(key);
		Session inPlace = this.sessions.open(key);
		other.ensureLoaded();
		@SuppressWarnings("unchecked")
		List<Object> cart = (List<Object>) inPlace.get("cart");
		assertThat(cart).isNotNull();
		cart.add(2);
		inPlace.setModified(true);
		other.set("other", true);
		other.save();
		inPlace.save();
		assertThat(this.engine.load(key)).containsEntry("cart", List.of(1, 2)).containsEntry("other", true);
	}

	@Test
	void aSaveThatOnlyRecordsActivityKeepsAConcurrentRequestsChanges() {
		assumeThat(storesSessionsOnServer()).as("sessions live on the server").isTrue();
		assumeThat(comparesAndSets()).as("the engine compares and sets").isTrue();
		this.sessions.setIdleTimeout(Duration.ofMinutes(30), Duration.ofMinutes(1));
		Session created = this.sessions.open(null);
		created.set("user", "alice");
		created.save();
		String key = key(created);
		advanceClock(Duration.ofMinutes(5));
		Session reader = this.sessions.open(key);
		Session writer = this.sessions.open(key);
		assertThat(reader.get("user")).isEqualTo("alice");
		writer.set("user", "bob");
		writer.save();
		assertThat(reader.needsActivityRefresh()).isTrue();
		reader.markActive();
		reader.save();
		assertThat(this.engine.load(key)).containsEntry("user", "bob")
			.containsEntry(SessionFactory.LAST_SEEN_KEY, SessionExpiry.format(this.clock.instant()));
	}

	@Test
	void logoutRacingWritersNeverBringsTheSessionBack() throws Exception {
		assumeThat(storesSessionsOnServer()).as("sessions live on the server").isTrue();
		for (int round = 0; round < RACE_ROUNDS / 2; round++) {
			String key = create(data("user", "alice"));
			List<Supplier<Runnable>> requests = writersAndOne(key, RACING_WRITERS / 2, Session::flush);
			race(requests);
			assertThat(this.engine.load(key)).as("round %d: the logged-out session stays deleted", round).isNull();
		}
	}

	@Test
	void keyCycleRacingWritersLeavesTheOldKeyDead() throws Exception {
		assumeThat(storesSessionsOnServer()).as("sessions live on the server").isTrue();
		for (int round = 0; round < RACE_ROUNDS / 2; round++) {
			String key = create(data("user", "alice"));
			List<String> newKeys = new ArrayList<>();
			List<Supplier<Runnable>> requests = writersAndOne(key, RACING_WRITERS / 2, (session) -> {
				session.cycleKey();
				synchronized (newKeys) {
					newKeys.add(key(session));
				}
			});
			race(requests);
			assertThat(this.engine.load(key)).as("round %d: the old key stays dead", round).isNull();
			assertThat(this.engine.load(newKeys.get(0))).as("round %d: the new key lives", round)
				.containsEntry("user", "alice");
		}
	}

	/**
	 * Return whether the engine has a compare-and-set of its own, so that concurrent
	 * requests on one session keep each other's changes: an engine that overrides
	 * {@link SessionEngine#compareAndSave} promises it. For an engine whose saves replace
	 * the whole session, as Django's do, the tests of that promise are skipped.
	 */
	private boolean comparesAndSets() {
		try {
			return this.engine.getClass()
				.getMethod("compareAndSave", String.class, Map.class, Instant.class, Object.class)
				.getDeclaringClass() != SessionEngine.class;
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return requests on one session: writers of their own keys, which may find the
	 * session deleted, and in their middle one request that does something else.
	 */
	private List<Supplier<Runnable>> writersAndOne(String key, int writers, Consumer<Session> other) {
		List<Supplier<Runnable>> requests = new ArrayList<>();
		for (int writer = 0; writer < writers; writer++) {
			String name = "writer" + writer;
			requests.add(() -> {
				Session session = this.sessions.open(key);
				session.ensureLoaded();
				return () -> {
					session.set(name, true);
					try {
						session.save();
					}
					catch (SessionUpdateException ex) {
						// deleted first: the save must fail, as it does
					}
				};
			});
			if (writer == writers / 2) {
				requests.add(() -> {
					Session session = this.sessions.open(key);
					session.ensureLoaded();
					return () -> other.accept(session);
				});
			}
		}
		return requests;
	}

	/**
	 * Run requests at once, each on its own thread: every request first loads its session
	 * (the supplier), and once all have loaded, they all save (the runnable it returns),
	 * so that every save races every other one.
	 */
	private static void race(List<Supplier<Runnable>> requests) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(requests.size());
		try {
			CyclicBarrier loaded = new CyclicBarrier(requests.size());
			List<Future<?>> results = new ArrayList<>();
			for (Supplier<Runnable> request : requests) {
				results.add(pool.submit(() -> {
					Runnable save = request.get();
					loaded.await(60, TimeUnit.SECONDS);
					save.run();
					return null;
				}));
			}
			for (Future<?> result : results) {
				result.get(120, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void valueThatWouldMakeTheSessionTooLargeIsRefusedWhenSetAndChangesNothing() {
		Session session = this.sessions.open(null);
		session.set("kept", "small");
		String tooLarge = "a".repeat(SessionCodec.DEFAULT_MAX_DATA_SIZE);
		assertThatExceptionOfType(SessionDataTooLargeException.class).isThrownBy(() -> session.set("big", tooLarge))
			.withMessageContaining("session.max-data-size");
		assertThatExceptionOfType(SessionDataTooLargeException.class).isThrownBy(() -> session.set("kept", tooLarge));
		assertThatExceptionOfType(SessionDataTooLargeException.class)
			.isThrownBy(() -> session.update(Map.of("other", 1, "big", tooLarge)));
		assertThat(session.items()).containsExactly(Map.entry("kept", "small"));
		session.save();
		assertThat(this.engine.load(key(session))).containsExactly(Map.entry("kept", "small"));
	}

	@Test
	void sessionWithAnIdleTimeoutExpiresWhenUnusedAndLivesWhileUsed() {
		this.sessions.setIdleTimeout(Duration.ofMinutes(30), Duration.ofMinutes(1));
		Session created = this.sessions.open(null);
		created.set("user", "alice");
		created.save();
		String key = key(created);
		advanceClock(Duration.ofMinutes(20));
		Session used = this.sessions.open(key);
		assertThat(used.get("user")).isEqualTo("alice");
		assertThat(used.needsActivityRefresh()).as("activity older than the resolution").isTrue();
		used.setModified(true);
		used.save();
		String current = key(used);
		advanceClock(Duration.ofMinutes(20));
		assertThat(this.sessions.open(current).get("user")).as("40 minutes old, 20 since its last use")
			.isEqualTo("alice");
		advanceClock(Duration.ofMinutes(11));
		Session idle = this.sessions.open(current);
		assertThat(idle.get("user")).as("31 minutes unused").isNull();
		assertThat(idle.getSessionKey()).isNull();
	}

	private static String key(Session session) {
		String key = session.getSessionKey();
		assertThat(key).as("a saved session has a key").isNotNull();
		return key;
	}

}
