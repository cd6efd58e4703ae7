package io.sessionengines.engine.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.sessionengines.engine.MutableClock;
import io.sessionengines.engine.SessionStoreUnavailableException;
import io.sessionengines.session.SessionKeys;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * Tests for {@link SessionCacheStore}: the contract every cache store meets, so that the
 * {@code cache} and {@code cached_db} engines can rely on it.
 * <p>
 * To test a store, extend this class in your tests and implement
 * {@link #createStore(MutableClock)}; the tests that do not apply to the store are
 * reported as skipped. Every test starts with a fresh store and a {@link MutableClock} at
 * {@link #START}, and moves time through {@link #advanceClock(Duration)}, never by
 * sleeping: a store that can read time from a clock or a ticker should read it from the
 * one it is given, and a store that keeps time elsewhere (a server's) overrides
 * {@link #advanceClock(Duration)} to make that time jump too. The other hooks are
 * optional: {@link #createUnreachableStore()} for the outage test, and
 * {@link #racingThreads()} for the races. Each test writes only under keys of its own,
 * from {@link SessionKeys#generate()}; a store on a shared server deletes them in an
 * {@link AfterEach} method of its own.
 * <p>
 * A store that overrides {@link SessionCacheStore#compareAndSet} promises that it is
 * atomic, and the race of compare-and-sets checks it; a store that keeps the default is
 * not held to that.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public abstract class AbstractSessionCacheStoreTests {

	/**
	 * Where the clock starts: a whole second.
	 */
	protected static final Instant START = Instant.ofEpochSecond(1_700_000_000L);

	private static final Duration MINUTE = Duration.ofMinutes(1);

	private static final Duration SECOND = Duration.ofSeconds(1);

	private static final int RACE_ROUNDS = 10;

	private MutableClock clock;

	private SessionCacheStore store;

	private @Nullable ExecutorService executor;

	@BeforeEach
	void setUpStore() throws Exception {
		this.clock = new MutableClock(START);
		this.store = createStore(this.clock);
	}

	@AfterEach
	void stopRacers() throws InterruptedException {
		if (this.executor != null) {
			this.executor.shutdownNow();
			assertThat(this.executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		}
	}

	/**
	 * Create the store under test. Called before each test.
	 * @param clock the clock the store should count time to live on, if it can
	 * @return the store
	 * @throws Exception if the store cannot be created
	 */
	protected abstract SessionCacheStore createStore(MutableClock clock) throws Exception;

	/**
	 * Create a store whose cache cannot be reached, such as one that connects to a port
	 * where nothing listens, for the test of outages.
	 * @return the store, or {@code null} (the default) for a store that cannot be
	 * unreachable, such as one in this process's memory, which skips the test
	 * @throws Exception if the store cannot be created
	 */
	protected @Nullable SessionCacheStore createUnreachableStore() throws Exception {
		return null;
	}

	/**
	 * Move time forward, for the clock and for the store. Override it when the store
	 * keeps time other than on the clock it was given, to make its time jump as well.
	 * @param duration how far
	 */
	protected void advanceClock(Duration duration) {
		this.clock.advance(duration);
	}

	/**
	 * Return how many threads each race runs.
	 * @return the number of threads; 16 by default
	 */
	protected int racingThreads() {
		return 16;
	}

	/**
	 * Return the store under test.
	 * @return the store
	 */
	protected final SessionCacheStore store() {
		return this.store;
	}

	/**
	 * Return the clock the store was given.
	 * @return the clock
	 */
	protected final MutableClock clock() {
		return this.clock;
	}

	@Test
	void getOfAnAbsentKeyReturnsNull() {
		assertThat(this.store.get(SessionKeys.generate())).isNull();
	}

	@Test
	void addStoresOnlyIfTheKeyIsAbsent() {
		String key = SessionKeys.generate();
		assertThat(this.store.add(key, "first", MINUTE)).isTrue();
		assertThat(this.store.add(key, "second", MINUTE)).isFalse();
		assertThat(this.store.get(key)).isEqualTo("first");
	}

	@Test
	void addOverAnExpiredEntryStores() {
		String key = SessionKeys.generate();
		this.store.add(key, "first", MINUTE);
		advanceClock(MINUTE);
		assertThat(this.store.add(key, "second", MINUTE)).isTrue();
		assertThat(this.store.get(key)).isEqualTo("second");
	}

	@Test
	void replaceStoresOnlyIfTheKeyIsPresent() {
		String key = SessionKeys.generate();
		assertThat(this.store.replace(key, "first", MINUTE)).isFalse();
		assertThat(this.store.get(key)).as("a failed replace stores nothing").isNull();
		this.store.add(key, "first", MINUTE);
		assertThat(this.store.replace(key, "second", MINUTE)).isTrue();
		assertThat(this.store.get(key)).isEqualTo("second");
	}

	@Test
	void replaceOfAnExpiredEntryStoresNothing() {
		String key = SessionKeys.generate();
		this.store.add(key, "first", MINUTE);
		advanceClock(MINUTE);
		assertThat(this.store.replace(key, "second", MINUTE)).isFalse();
		assertThat(this.store.get(key)).isNull();
	}

	@Test
	void entryLivesExactlyItsTimeToLive() {
		String key = SessionKeys.generate();
		this.store.add(key, "value", MINUTE);
		advanceClock(MINUTE.minus(SECOND));
		assertThat(this.store.get(key)).isEqualTo("value");
		advanceClock(SECOND);
		assertThat(this.store.get(key)).isNull();
	}

	@Test
	void replaceCountsTheTimeToLiveFromNow() {
		String key = SessionKeys.generate();
		this.store.add(key, "first", MINUTE.multipliedBy(2));
		advanceClock(MINUTE);
		this.store.replace(key, "second", MINUTE.multipliedBy(2));
		advanceClock(MINUTE.multipliedBy(2).minus(SECOND));
		assertThat(this.store.get(key)).as("past the first time to live").isEqualTo("second");
		advanceClock(SECOND);
		assertThat(this.store.get(key)).as("the new time to live is not added to the old one").isNull();
	}

	@Test
	void setStoresWhetherOrNotTheKeyIsPresentAndCountsTheTimeToLiveFromNow() {
		String key = SessionKeys.generate();
		this.store.set(key, "first", MINUTE.multipliedBy(2));
		assertThat(this.store.get(key)).isEqualTo("first");
		advanceClock(MINUTE);
		this.store.set(key, "second", MINUTE.multipliedBy(2));
		advanceClock(MINUTE.multipliedBy(2).minus(SECOND));
		assertThat(this.store.get(key)).isEqualTo("second");
		advanceClock(SECOND);
		assertThat(this.store.get(key)).isNull();
	}

	@Test
	void compareAndSetOfAnAbsentKeyStoresNothing() {
		String key = SessionKeys.generate();
		assertThat(this.store.compareAndSet(key, "expected", "value", MINUTE)).isEqualTo(CacheSwap.ABSENT);
		assertThat(this.store.get(key)).isNull();
		this.store.add(key, "expected", MINUTE);
		advanceClock(MINUTE);
		assertThat(this.store.compareAndSet(key, "expected", "value", MINUTE)).as("expired")
			.isEqualTo(CacheSwap.ABSENT);
		assertThat(this.store.get(key)).isNull();
	}

	@Test
	void compareAndSetOverAnotherValueReturnsItAndLeavesTheEntryAlone() {
		String key = SessionKeys.generate();
		this.store.add(key, "first", MINUTE.multipliedBy(2));
		assertThat(this.store.compareAndSet(key, "other", "second", MINUTE.multipliedBy(10)))
			.isEqualTo(CacheSwap.conflict("first"));
		assertThat(this.store.get(key)).isEqualTo("first");
		advanceClock(MINUTE.multipliedBy(2));
		assertThat(this.store.get(key)).as("a conflict leaves the time to live alone").isNull();
	}

	@Test
	void compareAndSetOverTheExpectedValueStoresAndCountsTheTimeToLiveFromNow() {
		String key = SessionKeys.generate();
		this.store.add(key, "first", MINUTE);
		advanceClock(Duration.ofSeconds(30));
		assertThat(this.store.compareAndSet(key, "first", "second", MINUTE.multipliedBy(2)))
			.isEqualTo(CacheSwap.SWAPPED);
		assertThat(this.store.get(key)).isEqualTo("second");
		advanceClock(MINUTE.multipliedBy(2).minus(SECOND));
		assertThat(this.store.get(key)).isEqualTo("second");
		advanceClock(SECOND);
		assertThat(this.store.get(key)).isNull();
	}

	@Test
	void deleteRemovesTheEntryFreesTheKeyAndLeavesOthersAlone() {
		String key = SessionKeys.generate();
		String other = SessionKeys.generate();
		this.store.add(key, "value", MINUTE);
		this.store.add(other, "other", MINUTE);
		this.store.delete(key);
		assertThat(this.store.get(key)).isNull();
		assertThat(this.store.replace(key, "back", MINUTE)).as("an update finds no entry").isFalse();
		assertThat(this.store.get(other)).isEqualTo("other");
		assertThat(this.store.add(key, "again", MINUTE)).isTrue();
	}

	@Test
	void deleteOfAnAbsentKeyDoesNothing() {
		assertThatNoException().isThrownBy(() -> this.store.delete(SessionKeys.generate()));
	}

	@Test
	void valuesComeBackAsStored() {
		List<String> values = List.of("", "é café 日本語 😀 \u2028", "tab\tnewline\nquote\"backslash\\nul\u0000",
				"x".repeat(200 * 1024));
		for (String value : values) {
			String key = SessionKeys.generate();
			this.store.add(key, value, MINUTE);
			assertThat(this.store.get(key)).as("a value of %d characters", value.length()).isEqualTo(value);
		}
	}

	@Test
	void everyOperationOnAnUnreachableCacheThrowsUnavailable() throws Exception {
		SessionCacheStore unreachable = unreachableStore();
		String key = SessionKeys.generate();
		assertThatExceptionOfType(SessionStoreUnavailableException.class).isThrownBy(() -> unreachable.get(key));
		assertThatExceptionOfType(SessionStoreUnavailableException.class)
			.isThrownBy(() -> unreachable.add(key, "value", MINUTE));
		assertThatExceptionOfType(SessionStoreUnavailableException.class)
			.isThrownBy(() -> unreachable.replace(key, "value", MINUTE));
		assertThatExceptionOfType(SessionStoreUnavailableException.class)
			.isThrownBy(() -> unreachable.compareAndSet(key, "value", "other", MINUTE));
		assertThatExceptionOfType(SessionStoreUnavailableException.class)
			.isThrownBy(() -> unreachable.set(key, "value", MINUTE));
		assertThatExceptionOfType(SessionStoreUnavailableException.class).isThrownBy(() -> unreachable.delete(key));
	}

	/**
	 * Return the store that cannot be reached, or skip the test when there is none.
	 * @return the store
	 * @throws Exception if the store cannot be created
	 */
	private SessionCacheStore unreachableStore() throws Exception {
		SessionCacheStore store = createUnreachableStore();
		return (store != null) ? store : abort("the store cannot be unreachable");
	}

	@Test
	void racingAddsOfOneKeyHaveExactlyOneWinner() throws Exception {
		for (int round = 0; round < RACE_ROUNDS; round++) {
			String key = SessionKeys.generate();
			List<Boolean> added = race((racer) -> this.store.add(key, "racer" + racer, MINUTE));
			assertThat(added).as("round %d", round).containsOnlyOnce(true);
			assertThat(this.store.get(key)).as("round %d", round).isEqualTo("racer" + added.indexOf(true));
		}
	}

	@Test
	void racingCompareAndSetsFromOneValueHaveExactlyOneWinner() throws Exception {
		assumeThat(this.store.getClass()
			.getMethod("compareAndSet", String.class, String.class, String.class, Duration.class)
			.getDeclaringClass()).as("the store has a compare-and-set of its own")
			.isNotEqualTo(SessionCacheStore.class);
		for (int round = 0; round < RACE_ROUNDS; round++) {
			String key = SessionKeys.generate();
			this.store.add(key, "start", MINUTE);
			List<CacheSwap> swaps = race((racer) -> this.store.compareAndSet(key, "start", "racer" + racer, MINUTE));
			assertThat(swaps).as("round %d", round).containsOnlyOnce(CacheSwap.SWAPPED);
			String winner = "racer" + swaps.indexOf(CacheSwap.SWAPPED);
			assertThat(this.store.get(key)).as("round %d", round).isEqualTo(winner);
			assertThat(swaps).as("round %d: the losers see the winner's value", round)
				.containsOnly(CacheSwap.SWAPPED, CacheSwap.conflict(winner));
		}
	}

	@Test
	void updatesRacingADeleteNeverBringTheEntryBack() throws Exception {
		for (int round = 0; round < RACE_ROUNDS; round++) {
			String key = SessionKeys.generate();
			this.store.add(key, "0", MINUTE);
			AtomicBoolean deleted = new AtomicBoolean();
			List<Boolean> lateUpdates = race((racer) -> {
				boolean updatedAfterDelete = false;
				for (int n = 1; n <= 100; n++) {
					boolean deleteDone = deleted.get();
					updatedAfterDelete |= update(racer, key, String.valueOf(n)) && deleteDone;
					if (racer == 0 && n == 25) {
						this.store.delete(key);
						deleted.set(true);
					}
				}
				return updatedAfterDelete;
			});
			assertThat(lateUpdates).as("round %d: an update that started after the delete stored", round)
				.containsOnly(false);
			assertThat(this.store.get(key)).as("round %d", round).isNull();
		}
	}

	/**
	 * Update an entry as the engines do: half of the racers replace it, the others
	 * compare-and-set it from what they read.
	 */
	private boolean update(int racer, String key, String value) {
		if (racer % 2 == 0) {
			return this.store.replace(key, value, MINUTE);
		}
		String current = this.store.get(key);
		return current != null && this.store.compareAndSet(key, current, value, MINUTE).swapped();
	}

	/**
	 * Run racers on their own threads, released at once.
	 * @return what each racer returned, in the order of their numbers
	 */
	private <T> List<T> race(Racer<T> racer) throws Exception {
		int threads = racingThreads();
		if (this.executor == null) {
			this.executor = Executors.newFixedThreadPool(threads);
		}
		CountDownLatch start = new CountDownLatch(1);
		List<Future<T>> results = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			int number = i;
			results.add(this.executor.submit(() -> {
				start.await();
				return racer.run(number);
			}));
		}
		start.countDown();
		List<T> values = new ArrayList<>();
		for (Future<T> result : results) {
			values.add(result.get(60, TimeUnit.SECONDS));
		}
		return values;
	}

	@FunctionalInterface
	private interface Racer<T> {

		T run(int number) throws Exception;

	}

}
