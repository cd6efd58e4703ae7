package io.sessionengines.session;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import io.sessionengines.engine.StoredSession;
import org.jspecify.annotations.Nullable;

/**
 * One lock per session key that requests of this process are saving, so that they save
 * one after the other. Compare-and-set alone keeps their changes, but requests that race
 * on a busy session would keep losing to newer ones and give up. The lock also hands on
 * what the last request saved, so that the next one, which loaded the session before that
 * save, starts from it instead of meeting a conflict: on a session that only this process
 * changes, every save then succeeds at once. A lock exists while some request holds or
 * waits for it.
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
		return new Held(key, lock);
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
	final class Held implements AutoCloseable {

		private final String key;

		private final KeyLock lock;

		private Held(String key, KeyLock lock) {
			this.key = key;
			this.lock = lock;
		}

		/**
		 * Return what the last request that held this lock saved, while this one waited
		 * for it or earlier.
		 * @return the saved session, or {@code null} when none was handed on
		 */
		@Nullable StoredSession lastSaved() {
			return this.lock.lastSaved;
		}

		/**
		 * Hand on what this request saved to the next one.
		 * @param saved the saved data, which nobody changes any more, and its version
		 */
		void saved(StoredSession saved) {
			this.lock.lastSaved = saved;
		}

		@Override
		public void close() {
			this.lock.lock.unlock();
			SaveLocks.this.locks.computeIfPresent(this.key,
					(existingKey, existing) -> (--existing.users == 0) ? null : existing);
		}

	}

	private static final class KeyLock {

		private final ReentrantLock lock = new ReentrantLock();

		/**
		 * The requests that hold or wait for the lock; changed only inside the map's
		 * atomic computations for the key.
		 */
		private int users;

		/**
		 * What the last holder saved; read and written only by the holder.
		 */
		private @Nullable StoredSession lastSaved;

	}

}
