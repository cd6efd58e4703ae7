package io.sessionengines.engine.cache;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.github.benmanes.caffeine.cache.Ticker;
import io.sessionengines.testsupport.TypedTestValues;
import io.sessionengines.engine.AbstractSessionEngineTests;
import io.sessionengines.engine.MutableClock;
import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionCreateException;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.SessionUpdateException;
import io.sessionengines.session.SessionKeys;
import io.sessionengines.signing.TimestampSigner;
import org.junit.jupiter.api.AfterEach;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CacheSessionEngine} on {@link CaffeineSessionCacheStore}, whose
 * entries expire on a ticker driven by the test clock.
 *
 * @author Session Engines contributors
 */
class CaffeineCacheSessionEngineTests extends AbstractSessionEngineTests {

	private static final String SECRET_KEY = "django-insecure-test-vector-secret";

	private static final String SALT = "io.sessionengines.engine.cache.CacheSessionEngine";

	private static final long MAXIMUM_SIZE = 1000;

	private CaffeineSessionCacheStore store;

	private ExecutorService executor;

	@Override
	protected SessionEngine createEngine(MutableClock clock, SessionExpiry expiry) {
		this.store = new CaffeineSessionCacheStore(MAXIMUM_SIZE, ticker(clock));
		return new CacheSessionEngine(this.store, codec(clock), expiry);
	}

	@Override
	protected boolean purgesExpiredSessions() {
		// entries expire by themselves
		return false;
	}

	@AfterEach
	void stopThreads() throws InterruptedException {
		if (this.executor != null) {
			this.executor.shutdownNow();
			assertThat(this.executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		}
	}

	static Ticker ticker(Clock clock) {
		return () -> {
			Instant now = clock.instant();
			return now.getEpochSecond() * 1_000_000_000L + now.getNano();
		};
	}

	private static SessionCodec codec(Clock clock) {
		return new SessionCodec(TypedTestValues.serializer(), new TimestampSigner(SECRET_KEY, List.of(), SALT, clock));
	}

	@Test
	void entryHoldsTheSignedSessionData() throws Exception {
		String key = create(data("user", "alice"));
		String token = this.store.get(key);
		assertThat(token).isNotNull();
		byte[] signed = new TimestampSigner(SECRET_KEY, List.of(), SALT, clock())
			.unsign(token, SessionCodec.DEFAULT_MAX_DATA_SIZE)
			.data();
		assertThat(new String(signed, StandardCharsets.UTF_8)).isEqualTo("{\"user\":\"alice\"}");
	}

	@Test
	void entryOfCompressibleDataIsSignedUncompressedAndDecodesWithTheSharedStoresCodec() {
		Map<String, @Nullable Object> data = data("text", "lorem ipsum ".repeat(100));
		SessionCodec codec = codec(clock());
		assertThat(codec.encode(data)).as("precondition: a shared store's entry is compressed").startsWith(".");
		String key = create(data);
		String token = this.store.get(key);
		assertThat(token).doesNotStartWith(".");
		assertThat(codec.decodeData(key, token)).isEqualTo(data);
		assertThat(engine().load(key)).isEqualTo(data);
	}

	@Test
	void entryLivesExactlyAsLongAsTheSession() {
		String key = create(data("user", "alice", SessionExpiry.EXPIRY_KEY, 60));
		advanceClock(Duration.ofSeconds(60).minusNanos(1));
		assertThat(this.store.get(key)).isNotNull();
		advanceClock(Duration.ofNanos(1));
		assertThat(this.store.get(key)).isNull();
	}

	@Test
	void expiredSessionIsNotStoredAndAnUpdateToAPastExpiryRemovesIt() {
		String fresh = SessionKeys.generate();
		engine().save(fresh, data("a", 1), clock().instant().minusSeconds(1), true);
		assertThat(this.store.get(fresh)).isNull();
		String existing = create(data("a", 1));
		engine().save(existing, data("a", 2), clock().instant(), false);
		assertThat(this.store.get(existing)).isNull();
		assertThat(engine().load(existing)).isNull();
	}

	@Test
	void addStoresOnlyIfAbsentAndReplaceOnlyIfPresent() {
		assertThat(this.store.add("k", "first", Duration.ofMinutes(1))).isTrue();
		assertThat(this.store.add("k", "second", Duration.ofMinutes(1))).isFalse();
		assertThat(this.store.get("k")).isEqualTo("first");
		assertThat(this.store.replace("absent", "value", Duration.ofMinutes(1))).isFalse();
		assertThat(this.store.get("absent")).isNull();
		assertThat(this.store.replace("k", "third", Duration.ofMinutes(5))).isTrue();
		assertThat(this.store.get("k")).isEqualTo("third");
		// replace restarts the time to live
		advanceClock(Duration.ofMinutes(4));
		assertThat(this.store.get("k")).isEqualTo("third");
		advanceClock(Duration.ofMinutes(1));
		assertThat(this.store.get("k")).isNull();
	}

	@Test
	void compareAndSetStoresOnlyOverTheExpectedValueAndAConflictKeepsTheTimeToLive() {
		assertThat(this.store.compareAndSet("absent", "x", "y", Duration.ofMinutes(1))).isEqualTo(CacheSwap.ABSENT);
		assertThat(this.store.get("absent")).isNull();
		this.store.add("k", "first", Duration.ofMinutes(2));
		assertThat(this.store.compareAndSet("k", "other", "second", Duration.ofMinutes(10)))
			.isEqualTo(CacheSwap.conflict("first"));
		advanceClock(Duration.ofMinutes(2));
		assertThat(this.store.get("k")).as("a conflict leaves the entry's time to live alone").isNull();
		this.store.add("k", "first", Duration.ofMinutes(1));
		assertThat(this.store.compareAndSet("k", "first", "second", Duration.ofMinutes(5)))
			.isEqualTo(CacheSwap.SWAPPED);
		advanceClock(Duration.ofMinutes(4));
		assertThat(this.store.get("k")).isEqualTo("second");
		advanceClock(Duration.ofMinutes(1));
		assertThat(this.store.get("k")).isNull();
	}

	@Test
	void storeWithoutACompareAndSetOfItsOwnReadsComparesAndReplaces() {
		SessionCacheStore delegate = this.store;
		SessionCacheStore plain = new SessionCacheStore() {

			@Override
			public @Nullable String get(String key) {
				return delegate.get(key);
			}

			@Override
			public boolean add(String key, String value, Duration timeToLive) {
				return delegate.add(key, value, timeToLive);
			}

			@Override
			public boolean replace(String key, String value, Duration timeToLive) {
				return delegate.replace(key, value, timeToLive);
			}

			@Override
			public void set(String key, String value, Duration timeToLive) {
				delegate.set(key, value, timeToLive);
			}

			@Override
			public void delete(String key) {
				delegate.delete(key);
			}

		};
		assertThat(plain.compareAndSet("k", "x", "y", Duration.ofMinutes(1))).isEqualTo(CacheSwap.ABSENT);
		plain.add("k", "first", Duration.ofMinutes(1));
		assertThat(plain.compareAndSet("k", "other", "second", Duration.ofMinutes(1)))
			.isEqualTo(CacheSwap.conflict("first"));
		assertThat(plain.compareAndSet("k", "first", "second", Duration.ofMinutes(1))).isEqualTo(CacheSwap.SWAPPED);
		assertThat(plain.get("k")).isEqualTo("second");
	}

	@Test
	void concurrentCreatesOfOneKeyHaveExactlyOneWinner() throws Exception {
		String key = SessionKeys.generate();
		List<Boolean> created = race(16, (i) -> {
			try {
				engine().save(key, data("writer", i), START.plus(COOKIE_AGE), true);
				return true;
			}
			catch (SessionCreateException ex) {
				return false;
			}
		});
		assertThat(created).containsOnlyOnce(true);
		int winner = created.indexOf(true);
		assertThat(engine().load(key)).containsExactly(Map.entry("writer", winner));
	}

	@Test
	void updatesRacingADeleteNeverBringTheSessionBack() throws Exception {
		for (int round = 0; round < 20; round++) {
			String key = create(data("n", 0));
			AtomicBoolean deleted = new AtomicBoolean();
			List<Boolean> lateUpdates = race(4, (i) -> {
				boolean updatedAfterDelete = false;
				for (int n = 0; n < 200; n++) {
					boolean deleteDone = deleted.get();
					try {
						engine().save(key, data("n", n), START.plus(COOKIE_AGE), false);
						updatedAfterDelete |= deleteDone;
					}
					catch (SessionUpdateException ex) {
						// the session is gone
					}
					if (i == 0 && n == 50) {
						engine().delete(key);
						deleted.set(true);
					}
				}
				return updatedAfterDelete;
			});
			assertThat(lateUpdates).as("an update that started after the delete succeeded").containsOnly(false);
			assertThat(engine().load(key)).isNull();
		}
	}

	@Test
	void numberOfSessionsIsBounded() {
		CaffeineSessionCacheStore small = new CaffeineSessionCacheStore(10, ticker(clock()));
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			String key = SessionKeys.generate();
			small.add(key, "value", Duration.ofMinutes(10));
			keys.add(key);
		}
		assertThat(keys.stream().filter((key) -> small.get(key) != null).count()).isLessThanOrEqualTo(10);
	}

	private <T> List<T> race(int threads, Racer<T> racer) throws Exception {
		if (this.executor == null) {
			this.executor = Executors.newFixedThreadPool(16);
		}
		CountDownLatch start = new CountDownLatch(1);
		List<Future<T>> results = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			int index = i;
			results.add(this.executor.submit(() -> {
				start.await();
				return racer.run(index);
			}));
		}
		start.countDown();
		List<T> values = new ArrayList<>();
		for (Future<T> result : results) {
			values.add(result.get(30, TimeUnit.SECONDS));
		}
		return values;
	}

	@FunctionalInterface
	private interface Racer<T> {

		T run(int index) throws Exception;

	}

}
