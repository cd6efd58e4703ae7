package io.sessionengines.session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SaveLocks}.
 *
 * @author Session Engines contributors
 */
class SaveLocksTests {

	private final SaveLocks locks = new SaveLocks();

	@Test
	void holdersOfOneKeyTakeTurnsAndHoldersOfOthersDoNotWait() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			AtomicInteger inside = new AtomicInteger();
			AtomicInteger most = new AtomicInteger();
			List<Future<?>> tasks = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				tasks.add(pool.submit(() -> {
					for (int n = 0; n < 200; n++) {
						try (SaveLocks.Held held = this.locks.lock("hot")) {
							most.accumulateAndGet(inside.incrementAndGet(), Math::max);
							inside.decrementAndGet();
						}
					}
					return null;
				}));
			}
			for (Future<?> task : tasks) {
				task.get(30, TimeUnit.SECONDS);
			}
			assertThat(most.get()).isOne();
		}
		finally {
			pool.shutdownNow();
		}
		try (SaveLocks.Held hot = this.locks.lock("hot")) {
			Future<Boolean> other = Executors.newSingleThreadExecutor().submit(() -> {
				try (SaveLocks.Held held = this.locks.lock("other")) {
					return true;
				}
			});
			assertThat(other.get(5, TimeUnit.SECONDS)).isTrue();
		}
	}

	@Test
	void aLockIsForgottenOnceNobodyHoldsOrWaitsForIt() {
		try (SaveLocks.Held first = this.locks.lock("a")) {
			try (SaveLocks.Held reentered = this.locks.lock("a")) {
				assertThat(this.locks.size()).isOne();
			}
			assertThat(this.locks.size()).isOne();
		}
		assertThat(this.locks.size()).isZero();
	}

}
