package io.sessionengines.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.sessionengines.engine.StoredSession;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link SaveBatches}.
 *
 * @author Session Engines contributors
 */
class SaveBatchesTests {

	private final SaveBatches<Integer> batches = new SaveBatches<>();

	private final ExecutorService pool = Executors.newFixedThreadPool(8);

	@AfterEach
	void shutDown() {
		this.pool.shutdownNow();
	}

	@Test
	void savesOfOneKeyAreWrittenOnceEachInBatchesThatNeverOverlap() throws Exception {
		AtomicInteger inside = new AtomicInteger();
		AtomicInteger most = new AtomicInteger();
		List<Integer> written = Collections.synchronizedList(new ArrayList<>());
		List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
		SaveBatches.Writer<Integer> writer = (batch, last) -> {
			most.accumulateAndGet(inside.incrementAndGet(), Math::max);
			sleep(1);
			written.addAll(batch);
			batchSizes.add(batch.size());
			inside.decrementAndGet();
			return null;
		};
		List<Future<?>> tasks = new ArrayList<>();
		for (int thread = 0; thread < 8; thread++) {
			int first = thread * 1000;
			tasks.add(this.pool.submit(() -> {
				for (int n = 0; n < 50; n++) {
					this.batches.save("hot", first + n, writer);
					// the save is written when it returns; read under the list's lock, as
					// other threads' writes add to it
					synchronized (written) {
						assertThat(written).contains(first + n);
					}
				}
				return null;
			}));
		}
		for (Future<?> task : tasks) {
			task.get(30, TimeUnit.SECONDS);
		}
		assertThat(most.get()).isOne();
		assertThat(written).hasSize(400).doesNotHaveDuplicates();
		assertThat(batchSizes).anyMatch((size) -> size > 1);
		assertThat(this.batches.size()).isZero();
	}

	@Test
	void savesOfAnotherKeyDoNotWait() throws Exception {
		HeldWrite hot = holdWrite(null);
		Future<?> other = this.pool.submit(() -> this.batches.save("other", 2, (batch, last) -> null));
		other.get(5, TimeUnit.SECONDS);
		hot.release();
	}

	@Test
	void theNextWriteStartsFromWhatTheLastOneSaved() throws Exception {
		StoredSession first = new StoredSession(Map.of("n", 1), "v1");
		HeldWrite leader = holdWrite(first);
		List<StoredSession> handedOn = Collections.synchronizedList(new ArrayList<>());
		Future<?> next = this.pool.submit(() -> this.batches.save("hot", 2, (batch, last) -> {
			handedOn.add(last);
			return null;
		}));
		awaitQueued(next);
		leader.release();
		next.get(5, TimeUnit.SECONDS);
		assertThat(handedOn).containsExactly(first);
	}

	@Test
	void whatAWriteThrowsReachesEverySaveOfItsBatch() throws Exception {
		HeldWrite leader = holdWrite(null);
		List<Future<?>> waiting = new ArrayList<>();
		for (int save = 2; save <= 4; save++) {
			int value = save;
			waiting.add(this.pool.submit(() -> this.batches.save("hot", value, (batch, last) -> {
				assertThat(batch).containsExactlyInAnyOrder(2, 3, 4);
				throw new IllegalStateException("store down");
			})));
		}
		waiting.forEach(SaveBatchesTests::awaitQueued);
		leader.release();
		for (Future<?> save : waiting) {
			assertThatIllegalStateException().isThrownBy(() -> rethrow(save)).withMessageContaining("store down");
		}
		assertThat(this.batches.size()).isZero();
	}

	/**
	 * Start a save of key {@code hot} whose write waits until released, and return once
	 * that write is under way.
	 * @param saved what the write returns
	 */
	private HeldWrite holdWrite(@Nullable StoredSession saved) throws InterruptedException {
		CountDownLatch writing = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Future<?> save = this.pool.submit(() -> this.batches.save("hot", 1, (batch, last) -> {
			writing.countDown();
			await(release);
			return saved;
		}));
		assertThat(writing.await(5, TimeUnit.SECONDS)).isTrue();
		return new HeldWrite(save, release);
	}

	private static void rethrow(Future<?> save) {
		try {
			save.get(5, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw new AssertionError(ex);
		}
	}

	/**
	 * Give a save that cannot finish yet the time to queue, and check that it waits.
	 */
	private static void awaitQueued(Future<?> save) {
		sleep(200);
		assertThat(save).isNotDone();
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record HeldWrite(Future<?> save, CountDownLatch latch) {

		/**
		 * Let the write end, and wait for its save to return.
		 */
		void release() throws Exception {
			this.latch.countDown();
			this.save.get(5, TimeUnit.SECONDS);
		}

	}

}
