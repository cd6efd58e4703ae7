package io.sessionengines.engine.cache;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.SessionStoreUnavailableException;
import io.sessionengines.engine.SessionUpdateException;
import io.sessionengines.engine.cacheddb.CachedDbSessionEngine;
import io.sessionengines.engine.db.H2Database;
import io.sessionengines.engine.db.JdbcSessionEngine;
import io.sessionengines.serializer.JsonSessionSerializer;
import io.sessionengines.session.SessionKeys;
import io.sessionengines.signing.TimestampSigner;
import io.sessionengines.testsupport.RedisServerProcess;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Fault tests for {@link RedisSessionCacheStore} under the {@code cache} and
 * {@code cached_db} engines: a few threads read and write sessions while a private
 * {@code redis-server} is paused ({@code kill -STOP}: the connection stays up and nothing
 * answers) and resumed, or killed and restarted on the same port. No call may hang: with
 * the {@code cache} engine each call during the outage ends within the store's timeout
 * (plus slack for a busy machine) with {@link SessionStoreUnavailableException}; with
 * {@code cached_db} every call succeeds from the database within the short cache timeout
 * plus slack, and the cache is tried only now and then. Shortly after Redis is back,
 * every call succeeds again and {@code cached_db} uses the cache again, without serving
 * an old copy. A store first used while Redis is paused, when the connection has still to
 * be opened, answers within its timeout too.
 * <p>
 * The client is configured as Spring Boot configures it by default (Lettuce's command
 * timeout of 60 seconds, commands queued while disconnected), with the reconnection delay
 * capped at one second as the starter does for the {@code redis} session cache.
 *
 * @author Session Engines contributors
 */
class RedisSessionCacheStoreFaultIntegrationTests {

	/**
	 * {@code session.cache.timeout}'s default.
	 */
	private static final Duration CACHE_TIMEOUT = RedisSessionCacheStore.DEFAULT_TIMEOUT;

	/**
	 * {@code session.cache.cached-db-timeout}'s default.
	 */
	private static final Duration CACHED_DB_TIMEOUT = Duration.ofMillis(200);

	/**
	 * Spring Boot's default, which is spring-data-redis's.
	 */
	private static final Duration CLIENT_COMMAND_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration SLACK = Duration.ofMillis(1500);

	/**
	 * How soon after Redis is back every call must succeed: the capped reconnection delay
	 * (or cached_db's retry interval), plus slack.
	 */
	private static final Duration RECOVERY = Duration.ofSeconds(1).plus(SLACK);

	private static final Duration WARM_UP = Duration.ofSeconds(1);

	private static final Duration OUTAGE = Duration.ofSeconds(5);

	private static final Duration AFTER_OUTAGE = Duration.ofSeconds(4);

	private static final int WORKERS = 3;

	private static final int MAXIMUM_CALLS_PER_WORKER = 2000;

	private static final Duration SESSION_AGE = Duration.ofHours(1);

	private static final String PREFIX = "session:";

	@TempDir
	Path directory;

	private RedisServerProcess redis;

	private ClientResources clientResources;

	private LettuceConnectionFactory connectionFactory;

	private @Nullable DataSource database;

	private final Clock clock = Clock.systemUTC();

	private final SessionCodec codec = new SessionCodec(new JsonSessionSerializer(),
			new TimestampSigner("fault-test-secret", List.of(), SessionCodec.STORED_DATA_SALT, this.clock));

	@BeforeEach
	void startRedis() {
		this.redis = RedisServerProcess.start(this.directory);
		this.clientResources = ClientResources.builder()
			.reconnectDelay(Delay.exponential(Duration.ZERO, Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
			.build();
		this.connectionFactory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(RedisServerProcess.HOST, this.redis.port()),
				LettuceClientConfiguration.builder()
					.commandTimeout(CLIENT_COMMAND_TIMEOUT)
					.clientResources(this.clientResources)
					.build());
		this.connectionFactory.afterPropertiesSet();
		this.connectionFactory.start();
	}

	@AfterEach
	void stopRedis() {
		try {
			this.connectionFactory.destroy();
			this.clientResources.shutdown(0, 2, TimeUnit.SECONDS);
			if (this.database != null) {
				H2Database.shutdown(this.database);
			}
		}
		finally {
			this.redis.close();
		}
	}

	@Test
	void cacheEngineAnswersUnavailableWithinItsTimeoutWhileRedisIsPausedAndRecoversOnceItResumes() throws Exception {
		Run run = drive(cacheEngine(), this.redis::pause, this.redis::resume);
		assertCacheEngineOutage(run, false);
	}

	@Test
	void cacheEngineAnswersUnavailableWithinItsTimeoutWhileRedisIsDownAndRecoversOnceItRestarts() throws Exception {
		Run run = drive(cacheEngine(), this.redis::stop, this.redis::restart);
		assertCacheEngineOutage(run, true);
	}

	@Test
	void cachedDbEngineServesFromTheDatabaseWhileRedisIsPausedAndUsesRedisAgainOnceItResumes() throws Exception {
		CountingStore store = new CountingStore(store(CACHED_DB_TIMEOUT));
		Run run = drive(cachedDbEngine(store), this.redis::pause, this.redis::resume);
		assertCachedDbOutage(run, store);
	}

	@Test
	void cachedDbEngineServesFromTheDatabaseWhileRedisIsDownAndUsesRedisAgainOnceItRestarts() throws Exception {
		CountingStore store = new CountingStore(store(CACHED_DB_TIMEOUT));
		Run run = drive(cachedDbEngine(store), this.redis::stop, this.redis::restart);
		assertCachedDbOutage(run, store);
	}

	@Test
	void storeFirstUsedWhileRedisIsPausedAnswersWithinItsTimeoutAndWorksOnceRedisResumes() throws Exception {
		RedisSessionCacheStore store = store(CACHE_TIMEOUT);
		this.redis.pause();
		long start = System.nanoTime();
		assertThatExceptionOfType(SessionStoreUnavailableException.class).isThrownBy(() -> store.get("key"));
		// opening the connection must not hold the caller either
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(CACHE_TIMEOUT.plus(SLACK));
		this.redis.resume();
		long resumedAt = System.nanoTime();
		long recoveredAt = awaitRecovery(cacheEngine(store), resumedAt + AFTER_OUTAGE.toNanos());
		assertThat(recoveredAt).as("recovered").isNotEqualTo(Long.MAX_VALUE);
		assertThat(Duration.ofNanos(recoveredAt - resumedAt)).isLessThan(RECOVERY);
		assertThat(store.add("key", "value", SESSION_AGE)).isTrue();
		assertThat(store.get("key")).isEqualTo("value");
	}

	private void assertCacheEngineOutage(Run run, boolean redisLosesData) {
		run.assertNoCallHung();
		assertThat(run.calls).as("calls").isNotEmpty().allSatisfy((call) -> {
			assertThat(call.duration()).as("duration of %s", call).isLessThan(CACHE_TIMEOUT.plus(SLACK));
			assertThat(call.outcome).as("outcome of %s", call).isIn(Outcome.OK, Outcome.UNAVAILABLE, Outcome.LOST);
		});
		assertThat(run.calls).filteredOn((call) -> call.outcome == Outcome.LOST)
			.as("sessions lost, which only a restart of a Redis without persistence may do")
			.allSatisfy((call) -> {
				assertThat(redisLosesData).isTrue();
				assertThat(call.keyCreatedAt).isLessThan(run.repairedAt);
			});
		assertThat(run.calls).filteredOn((call) -> call.outcome == Outcome.UNAVAILABLE)
			.as("calls that reported the outage")
			.hasSizeGreaterThanOrEqualTo(WORKERS)
			.allSatisfy((call) -> assertThat(call.start).isBetween(run.breakingAt - CACHE_TIMEOUT.toNanos(),
					run.repairedAt + RECOVERY.toNanos()));
		assertThat(run.calls).filteredOn(run::duringOutage)
			.as("calls during the outage")
			.isNotEmpty()
			.allSatisfy((call) -> assertThat(call.outcome).isEqualTo(Outcome.UNAVAILABLE));
		run.assertRecovered();
	}

	private void assertCachedDbOutage(Run run, CountingStore store) throws IOException {
		run.assertNoCallHung();
		assertThat(run.calls).as("calls").isNotEmpty().allSatisfy((call) -> {
			assertThat(call.duration()).as("duration of %s", call).isLessThan(CACHED_DB_TIMEOUT.plus(SLACK));
			assertThat(call.outcome).as("outcome of %s", call).isEqualTo(Outcome.OK);
		});
		assertThat(run.calls).filteredOn(run::duringOutage).as("calls during the outage").isNotEmpty();
		// without the circuit breaker every call during the outage would try the cache
		long outageSeconds = OUTAGE.plus(RECOVERY).toSeconds();
		assertThat(store.failures()).as("failed cache calls")
			.isNotEmpty()
			.hasSizeLessThanOrEqualTo((int) (2 * WORKERS + outageSeconds + 2));
		assertThat(store.failures()).as("failed cache calls after Redis is back")
			.allSatisfy((start) -> assertThat(start).isLessThan(run.repairedAt + RECOVERY.toNanos()));
		assertThat(store.successesSince(run.repairedAt + RECOVERY.toNanos())).as("cache calls after Redis is back")
			.isPositive();
		for (Map.Entry<String, Integer> session : run.lastSaved.entrySet()) {
			String key = session.getKey();
			String stored = new JdbcTemplate(this.database)
				.queryForObject("SELECT session_data FROM django_session WHERE session_key = ?", String.class, key);
			String cached = this.redis.command("GET", PREFIX + key);
			assertThat(cached).as("cached copy of a session changed during the outage").isIn(null, stored);
			assertThat(run.engine.load(key)).containsExactly(Map.entry("n", session.getValue()));
		}
	}

	private RedisSessionCacheStore store(Duration timeout) {
		return new RedisSessionCacheStore(this.connectionFactory, PREFIX, timeout);
	}

	private SessionEngine cacheEngine() {
		return cacheEngine(store(CACHE_TIMEOUT));
	}

	private SessionEngine cacheEngine(SessionCacheStore store) {
		return new CacheSessionEngine(store, this.codec, expiry());
	}

	private SessionEngine cachedDbEngine(SessionCacheStore store) {
		this.database = H2Database.create();
		JdbcSessionEngine db = new JdbcSessionEngine(this.database, this.codec, expiry(),
				JdbcSessionEngine.DEFAULT_TABLE);
		db.createTableIfMissing();
		return new CachedDbSessionEngine(store, db, expiry());
	}

	private SessionExpiry expiry() {
		return new SessionExpiry(SESSION_AGE, false, this.clock);
	}

	private Run drive(SessionEngine engine, Runnable breakRedis, Runnable repairRedis) throws InterruptedException {
		List<Call> calls = Collections.synchronizedList(new ArrayList<>());
		Map<String, Integer> lastSaved = Collections.synchronizedMap(new LinkedHashMap<>());
		AtomicBoolean stop = new AtomicBoolean();
		ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
		try {
			for (int i = 0; i < WORKERS; i++) {
				workers.execute(new Worker(engine, calls, lastSaved, stop));
			}
			sleep(WARM_UP);
			long breakingAt = System.nanoTime();
			breakRedis.run();
			long brokenAt = System.nanoTime();
			sleep(OUTAGE);
			long repairingAt = System.nanoTime();
			repairRedis.run();
			long repairedAt = System.nanoTime();
			long recoveredAt = awaitRecovery(engine, repairedAt + AFTER_OUTAGE.toNanos());
			sleep(Duration.ofNanos(Math.max(0, repairedAt + AFTER_OUTAGE.toNanos() - System.nanoTime())));
			stop.set(true);
			workers.shutdown();
			// a hanging call would wait for the client's own command timeout of 60 s
			boolean finished = workers.awaitTermination(CACHE_TIMEOUT.plus(SLACK).toMillis(), TimeUnit.MILLISECONDS);
			Run run = new Run(engine, List.copyOf(calls), Map.copyOf(lastSaved), breakingAt, brokenAt, repairingAt,
					repairedAt, recoveredAt, finished);
			System.out.println("[fault test] " + run);
			return run;
		}
		finally {
			workers.shutdownNow();
		}
	}

	/**
	 * Return when a load of a new key first works from now on, as a new request would.
	 */
	private static long awaitRecovery(SessionEngine engine, long deadline) throws InterruptedException {
		while (System.nanoTime() < deadline) {
			try {
				engine.load(SessionKeys.generate());
				return System.nanoTime();
			}
			catch (SessionStoreUnavailableException ex) {
				Thread.sleep(20);
			}
		}
		return Long.MAX_VALUE;
	}

	private static void sleep(Duration duration) throws InterruptedException {
		Thread.sleep(duration.toMillis());
	}

	private static Map<String, @Nullable Object> data(int n) {
		Map<String, @Nullable Object> data = new LinkedHashMap<>();
		data.put("n", n);
		return data;
	}

	enum Outcome {

		/**
		 * The call worked, and a load returned what was saved last.
		 */
		OK,

		/**
		 * {@link SessionStoreUnavailableException}.
		 */
		UNAVAILABLE,

		/**
		 * The session was gone: a load found nothing, or an update found no session.
		 */
		LOST,

		/**
		 * A load returned other data than was saved last.
		 */
		WRONG,

		/**
		 * Any other exception.
		 */
		ERROR

	}

	record Call(String operation, long keyCreatedAt, long start, long end, Outcome outcome,
			@Nullable Throwable failure) {

		Duration duration() {
			return Duration.ofNanos(this.end - this.start);
		}

	}

	/**
	 * What the workers did, when Redis was broken ({@code breakingAt} to
	 * {@code brokenAt}) and repaired ({@code repairingAt} to {@code repairedAt}), and
	 * when a load of a new key first worked after that, on {@link System#nanoTime()}.
	 */
	record Run(SessionEngine engine, List<Call> calls, Map<String, Integer> lastSaved, long breakingAt, long brokenAt,
			long repairingAt, long repairedAt, long recoveredAt, boolean finished) {

		@Override
		public String toString() {
			long longest = this.calls.stream().mapToLong((call) -> call.end - call.start).max().orElse(0);
			long firstOkAfterRepair = this.calls.stream()
				.filter((call) -> call.outcome == Outcome.OK && call.start > this.repairedAt)
				.mapToLong((call) -> call.end - this.repairedAt)
				.min()
				.orElse(-1);
			Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
			this.calls.forEach((call) -> outcomes.merge(call.outcome, 1L, Long::sum));
			return this.calls.size() + " calls " + outcomes + ", longest " + Duration.ofNanos(longest).toMillis()
					+ " ms, first success " + Duration.ofNanos(firstOkAfterRepair).toMillis()
					+ " ms after Redis was back, a new request worked "
					+ ((this.recoveredAt != Long.MAX_VALUE)
							? Duration.ofNanos(this.recoveredAt - this.repairedAt).toMillis() + " ms after" : "never")
					+ "; failures: "
					+ this.calls.stream()
						.map(Call::failure)
						.filter(Objects::nonNull)
						.map(Throwable::getMessage)
						.distinct()
						.limit(5)
						.toList();
		}

		boolean duringOutage(Call call) {
			return call.start > this.brokenAt && call.end < this.repairingAt;
		}

		void assertNoCallHung() {
			assertThat(this.finished).as("every worker finished: no call hung").isTrue();
		}

		void assertRecovered() {
			assertThat(Duration.ofNanos(this.recoveredAt - this.repairedAt)).as("time until a new request works")
				.isLessThan(RECOVERY);
			long recovered = this.repairedAt + RECOVERY.toNanos();
			assertThat(this.calls).filteredOn((call) -> call.start > recovered)
				.as("calls once Redis is back")
				.isNotEmpty()
				.allSatisfy((call) -> assertThat(call.outcome).as("outcome of %s", call).isEqualTo(Outcome.OK));
		}

	}

	/**
	 * Creates a session, then reads and updates it a few times, and starts again with a
	 * new session when the store fails; a few calls a second, until told to stop.
	 */
	private static final class Worker implements Runnable {

		private final SessionEngine engine;

		private final List<Call> calls;

		private final Map<String, Integer> lastSaved;

		private final AtomicBoolean stop;

		private int count;

		Worker(SessionEngine engine, List<Call> calls, Map<String, Integer> lastSaved, AtomicBoolean stop) {
			this.engine = engine;
			this.calls = calls;
			this.lastSaved = lastSaved;
			this.stop = stop;
		}

		@Override
		public void run() {
			while (!this.stop.get() && this.count < MAXIMUM_CALLS_PER_WORKER) {
				String key = SessionKeys.generate();
				long createdAt = System.nanoTime();
				if (call("create", createdAt, () -> save(key, 0, true)) != Outcome.OK) {
					continue;
				}
				for (int n = 1; n <= 5 && !this.stop.get(); n++) {
					int expected = n - 1;
					if (call("load", createdAt, () -> load(key, expected)) != Outcome.OK) {
						break;
					}
					int next = n;
					if (call("update", createdAt, () -> save(key, next, false)) != Outcome.OK) {
						break;
					}
				}
			}
		}

		private Outcome save(String key, int n, boolean create) {
			this.engine.save(key, data(n), Instant.now().plus(SESSION_AGE), create);
			this.lastSaved.put(key, n);
			return Outcome.OK;
		}

		private Outcome load(String key, int expected) {
			Map<String, @Nullable Object> data = this.engine.load(key);
			if (data == null) {
				return Outcome.LOST;
			}
			return data.equals(data(expected)) ? Outcome.OK : Outcome.WRONG;
		}

		private Outcome call(String operation, long keyCreatedAt, Supplier<Outcome> action) {
			this.count++;
			long start = System.nanoTime();
			Outcome outcome;
			Throwable failure = null;
			try {
				outcome = action.get();
			}
			catch (SessionStoreUnavailableException ex) {
				outcome = Outcome.UNAVAILABLE;
				failure = ex;
			}
			catch (SessionUpdateException ex) {
				outcome = Outcome.LOST;
				failure = ex;
			}
			catch (RuntimeException ex) {
				outcome = Outcome.ERROR;
				failure = ex;
			}
			this.calls.add(new Call(operation, keyCreatedAt, start, System.nanoTime(), outcome, failure));
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.stop.set(true);
			}
			return outcome;
		}

	}

	/**
	 * A store that notes when each call started and whether it failed.
	 */
	private static final class CountingStore implements SessionCacheStore {

		private final SessionCacheStore delegate;

		private final List<Long> failures = Collections.synchronizedList(new ArrayList<>());

		private final List<Long> successes = Collections.synchronizedList(new ArrayList<>());

		CountingStore(SessionCacheStore delegate) {
			this.delegate = delegate;
		}

		List<Long> failures() {
			return List.copyOf(this.failures);
		}

		long successesSince(long start) {
			return List.copyOf(this.successes).stream().filter((time) -> time > start).count();
		}

		@Override
		public @Nullable String get(String key) {
			return count(() -> this.delegate.get(key));
		}

		@Override
		public boolean add(String key, String value, Duration timeToLive) {
			return count(() -> this.delegate.add(key, value, timeToLive));
		}

		@Override
		public boolean replace(String key, String value, Duration timeToLive) {
			return count(() -> this.delegate.replace(key, value, timeToLive));
		}

		@Override
		public void set(String key, String value, Duration timeToLive) {
			count(() -> {
				this.delegate.set(key, value, timeToLive);
				return null;
			});
		}

		@Override
		public void delete(String key) {
			count(() -> {
				this.delegate.delete(key);
				return null;
			});
		}

		private <T> T count(Supplier<T> call) {
			long start = System.nanoTime();
			try {
				T result = call.get();
				this.successes.add(start);
				return result;
			}
			catch (RuntimeException ex) {
				this.failures.add(start);
				throw ex;
			}
		}

	}

}
