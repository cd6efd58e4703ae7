package io.sessionengines.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.sessionengines.session.SessionKeys;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SessionRowStore}: the contract every row store meets, so that
 * {@code cached_db} can put a cache in front of it. The whole engine suite
 * ({@link AbstractSessionEngineTests}) over {@code cached_db} proves the store inside an
 * engine; this suite holds the store to each promise of its interface on its own.
 * <p>
 * To test a store, extend this class in your tests and implement
 * {@link #createStore(MutableClock, SessionExpiry)}. Every test starts with a fresh store
 * and a {@link MutableClock} at {@link #START}, moves time by
 * {@link MutableClock#advance(Duration)}, and writes only under keys of its own.
 *
 * @author Session Engines contributors
 * @since 0.3.0
 */
public abstract class AbstractSessionRowStoreTests {

	/**
	 * Where the clock starts: a whole second.
	 */
	protected static final Instant START = Instant.ofEpochSecond(1_700_000_000L);

	private static final Duration DAY = Duration.ofDays(1);

	private static final int RACING_THREADS = 8;

	private MutableClock clock;

	private SessionRowStore store;

	private @Nullable ExecutorService executor;

	@BeforeEach
	void setUpStore() throws Exception {
		this.clock = new MutableClock(START);
		this.store = createStore(this.clock, new SessionExpiry(Duration.ofDays(14), false, this.clock));
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
	 * @param clock the clock
	 * @param expiry the expiry rules on that clock, whose time decides which rows are
	 * live
	 * @return the store
	 * @throws Exception if the store cannot be created
	 */
	protected abstract SessionRowStore createStore(MutableClock clock, SessionExpiry expiry) throws Exception;

	/**
	 * Return the store under test.
	 * @return the store
	 */
	protected final SessionRowStore store() {
		return this.store;
	}

	@Test
	void createdRowLoadsAsItWasSaved() {
		String key = SessionKeys.generate();
		SessionRow row = row("alice", START.plus(DAY));
		this.store.saveRow(key, row, true);
		assertThat(this.store.loadRow(key)).isEqualTo(row);
		assertThat(this.store.format().decodeData(key, row.data())).containsEntry("user", "alice");
	}

	@Test
	void loadOfAnUnknownOrHostileKeyIsNull() {
		assertThat(this.store.loadRow(SessionKeys.generate())).isNull();
		assertThat(this.store.loadRow("x".repeat(10_000))).isNull();
		assertThat(this.store.loadRow("' OR '1'='1")).isNull();
		assertThat(this.store.loadRow("")).isNull();
	}

	@Test
	void createOfATakenKeyFailsAndKeepsTheRow() {
		String key = SessionKeys.generate();
		SessionRow first = row("alice", START.plus(DAY));
		this.store.saveRow(key, first, true);
		assertThatExceptionOfType(SessionCreateException.class)
			.isThrownBy(() -> this.store.saveRow(key, row("mallory", START.plus(DAY)), true));
		assertThat(this.store.loadRow(key)).isEqualTo(first);
	}

	@Test
	void updateReplacesTheDataAndTheExpiryDate() {
		String key = SessionKeys.generate();
		this.store.saveRow(key, row("alice", START.plus(DAY)), true);
		SessionRow updated = row("bob", START.plus(DAY.multipliedBy(2)));
		this.store.saveRow(key, updated, false);
		assertThat(this.store.loadRow(key)).isEqualTo(updated);
	}

	@Test
	void updateOfAMissingRowFailsAndCreatesNothing() {
		String key = SessionKeys.generate();
		assertThatExceptionOfType(SessionUpdateException.class)
			.isThrownBy(() -> this.store.saveRow(key, row("alice", START.plus(DAY)), false));
		assertThat(this.store.loadRow(key)).isNull();
	}

	@Test
	void updateOfADeletedRowFailsAndDoesNotBringItBack() {
		String key = SessionKeys.generate();
		SessionRow row = row("alice", START.plus(DAY));
		this.store.saveRow(key, row, true);
		this.store.delete(key);
		assertThatExceptionOfType(SessionUpdateException.class)
			.isThrownBy(() -> this.store.saveRow(key, row("alice", START.plus(DAY)), false));
		assertThatExceptionOfType(SessionUpdateException.class)
			.isThrownBy(() -> this.store.compareAndSaveRow(key, row("alice", START.plus(DAY)), row.data()));
		assertThat(this.store.loadRow(key)).isNull();
	}

	@Test
	void expiredRowIsNotLoaded() {
		String key = SessionKeys.generate();
		this.store.saveRow(key, row("alice", START.plus(DAY)), true);
		this.clock.advance(DAY.minusSeconds(1));
		assertThat(this.store.loadRow(key)).isNotNull();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.store.loadRow(key)).isNull();
	}

	@Test
	void compareAndSaveReplacesTheRowThatHoldsTheExpectedData() {
		String key = SessionKeys.generate();
		SessionRow first = row("alice", START.plus(DAY));
		this.store.saveRow(key, first, true);
		SessionRow second = row("bob", START.plus(DAY.multipliedBy(2)));
		assertThat(this.store.compareAndSaveRow(key, second, first.data())).isNull();
		assertThat(this.store.loadRow(key)).isEqualTo(second);
	}

	@Test
	void compareAndSaveOfAChangedRowReturnsItAndChangesNothing() {
		String key = SessionKeys.generate();
		SessionRow first = row("alice", START.plus(DAY));
		this.store.saveRow(key, first, true);
		SessionRow concurrent = row("carol", START.plus(DAY));
		this.store.saveRow(key, concurrent, false);
		assertThat(this.store.compareAndSaveRow(key, row("bob", START.plus(DAY)), first.data())).isEqualTo(concurrent);
		assertThat(this.store.loadRow(key)).isEqualTo(concurrent);
	}

	@Test
	void compareAndSavesRacingFromOneVersionHaveOneWinner() throws Exception {
		String key = SessionKeys.generate();
		SessionRow first = row("start", START.plus(DAY));
		this.store.saveRow(key, first, true);
		this.executor = Executors.newFixedThreadPool(RACING_THREADS);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Boolean>> racers = new ArrayList<>();
		for (int i = 0; i < RACING_THREADS; i++) {
			SessionRow mine = row("writer-" + i, START.plus(DAY));
			Callable<Boolean> racer = () -> {
				start.await();
				return this.store.compareAndSaveRow(key, mine, first.data()) == null;
			};
			racers.add(this.executor.submit(racer));
		}
		start.countDown();
		int winners = 0;
		for (Future<Boolean> racer : racers) {
			winners += racer.get(30, TimeUnit.SECONDS) ? 1 : 0;
		}
		assertThat(winners).isOne();
		assertThat(this.store.loadRow(key)).isNotEqualTo(first);
	}

	@Test
	void deleteIsIdempotentAndLeavesOtherRowsAlone() {
		String key = SessionKeys.generate();
		String other = SessionKeys.generate();
		this.store.saveRow(key, row("alice", START.plus(DAY)), true);
		SessionRow kept = row("bob", START.plus(DAY));
		this.store.saveRow(other, kept, true);
		this.store.delete(key);
		this.store.delete(key);
		this.store.delete(SessionKeys.generate());
		assertThat(this.store.loadRow(key)).isNull();
		assertThat(this.store.loadRow(other)).isEqualTo(kept);
	}

	@Test
	void clearExpiredRemovesOnlyExpiredRows() {
		String expired = SessionKeys.generate();
		String live = SessionKeys.generate();
		this.store.saveRow(expired, row("alice", START.plus(DAY)), true);
		SessionRow kept = row("bob", START.plus(DAY.multipliedBy(3)));
		this.store.saveRow(live, kept, true);
		this.clock.advance(DAY.multipliedBy(2));
		OptionalLong removed = this.store.clearExpired();
		assertThat(this.store.loadRow(live)).isEqualTo(kept);
		if (removed.isPresent()) {
			// other tests on a shared store may have left expired rows too
			assertThat(removed.getAsLong()).isPositive();
			assertThatExceptionOfType(SessionUpdateException.class)
				.isThrownBy(() -> this.store.saveRow(expired, row("alice", START.plus(DAY.multipliedBy(3))), false));
		}
	}

	private SessionRow row(String user, Instant expireDate) {
		return new SessionRow(this.store.format().encode(Map.of("user", user)), expireDate);
	}

}
