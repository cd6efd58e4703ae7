package io.sessionengines.session;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per session key that requests of this process are saving, so that they save
 * one after the other. Compare-and-set alone keeps their changes, but requests that race
 * on a busy session would keep losing to newer ones and give up; in turn, each loses at
 * most once to a save of this process, and only saves of other processes can make it try
 * again. A lock exists while some request holds or waits for it.
 *
 * @author Session Engines contributors
 */
final class SaveLocks {

	private final ConcurrentHashMap<String, KeyLock> locks = new ConcurrentHashMap<>();

	/**
	 * Wait for the key's lock and hold it.
	 * @param key the session key
	 * @return the held lock, to release with {@link Held#close()}
	 */
	Held lock(String key) {
		KeyLock lock = this.locks.compute(key, (existingKey, existing) -> {
			KeyLock used = (existing != null) ? existing : new KeyLock();
			used.users++;
			return used;
		});
		lock.lock.lock();
		return () -> {
			lock.lock.unlock();
			this.locks.computeIfPresent(key, (existingKey, existing) -> (--existing.users == 0) ? null : existing);
		};
	}

	/**
	 * Return how many keys have a lock now.
	 * @return the number of locks
	 */
	int size() {
		return this.locks.size();
	}

	/**
	 * A held lock.
	 */
	@FunctionalInterface
	interface Held extends AutoCloseable {

		@Override
		void close();

	}

	private static final class KeyLock {

		private final ReentrantLock lock = new ReentrantLock();

		/**
		 * The requests that hold or wait for the lock; changed only inside the map's
		 * atomic computations for the key.
		 */
		private int users;

	}

}
