package io.sessionengines.session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.sessionengines.engine.StoredSession;
import org.jspecify.annotations.Nullable;

/**
 * Combines the saves of one session key that requests of this process make at the same
 * time into one write of the store. While a write of the key is under way, the requests
 * that come to save it wait; when it ends, the first of them writes for all of them,
 * their changes applied one after the other. So a busy session costs one store round trip
 * per batch instead of one per request, and requests of one process never race each other
 * on the store: compare-and-set alone keeps their changes, but requests racing on a busy
 * session would keep losing to newer ones and give up. What the last write saved is
 * handed on to the next, which starts from it instead of meeting a conflict. A key's
 * queue exists while some request saves or waits.
 *
 * @param <T> the pending saves
 * @author Session Engines contributors
 */
final class SaveBatches<T> {

	private final ConcurrentHashMap<String, KeyQueue<T>> queues = new ConcurrentHashMap<>();

	/**
	 * Save, alone or in a batch with the saves of the same key that wait with it; return
	 * once the write that includes this save has ended.
	 * @param key the session key
	 * @param save this request's save
	 * @param writer what writes a batch
	 * @throws RuntimeException what the write that included this save threw
	 */
	void save(String key, T save, Writer<T> writer) {
		KeyQueue<T> queue = this.queues.compute(key, (existingKey, existing) -> {
			KeyQueue<T> used = (existing != null) ? existing : new KeyQueue<>();
			used.users++;
			return used;
		});
		try {
			queue.save(save, writer);
		}
		finally {
			this.queues.computeIfPresent(key, (existingKey, existing) -> (--existing.users == 0) ? null : existing);
		}
	}

	/**
	 * Return how many keys have a queue now.
	 * @return the number of queues
	 */
	int size() {
		return this.queues.size();
	}

	/**
	 * Writes a batch of saves of one key to the store.
	 *
	 * @param <T> the pending saves
	 */
	@FunctionalInterface
	interface Writer<T> {

		/**
		 * Write the saves, in the order given.
		 * @param batch the saves, oldest first
		 * @param lastSaved what the previous write of the key saved, or {@code null} when
		 * it saved nothing or this process has written the key for nobody waiting
		 * @return what this write saved, to hand on to the next, or {@code null}
		 */
		@Nullable StoredSession write(List<T> batch, @Nullable StoredSession lastSaved);

	}

	private static final class KeyQueue<T> {

		private final ReentrantLock lock = new ReentrantLock();

		private final Condition written = this.lock.newCondition();

		/**
		 * The saves waiting for the next write; guarded by the lock.
		 */
		private final List<Pending<T>> waiting = new ArrayList<>();

		/**
		 * Whether a write is under way; guarded by the lock.
		 */
		private boolean writing;

		/**
		 * What the last write saved; guarded by the lock.
		 */
		private @Nullable StoredSession lastSaved;

		/**
		 * The requests that save or wait; changed only inside the map's atomic
		 * computations for the key.
		 */
		private int users;

		void save(T save, Writer<T> writer) {
			Pending<T> mine = new Pending<>(save);
			this.lock.lock();
			try {
				this.waiting.add(mine);
				while (!mine.done) {
					if (this.writing) {
						this.written.awaitUninterruptibly();
					}
					else {
						write(writer);
					}
				}
			}
			finally {
				this.lock.unlock();
			}
			if (mine.failure != null) {
				throw mine.failure;
			}
		}

		/**
		 * Write every waiting save, outside the lock, so that more can queue meanwhile.
		 */
		private void write(Writer<T> writer) {
			List<Pending<T>> batch = new ArrayList<>(this.waiting);
			this.waiting.clear();
			this.writing = true;
			StoredSession last = this.lastSaved;
			List<T> saves = new ArrayList<>(batch.size());
			batch.forEach((pending) -> saves.add(pending.save));
			StoredSession saved = null;
			RuntimeException failure = null;
			this.lock.unlock();
			try {
				saved = writer.write(saves, last);
			}
			catch (RuntimeException ex) {
				failure = ex;
			}
			catch (Error ex) {
				failure = new IllegalStateException("Saving the session failed", ex);
				throw ex;
			}
			finally {
				this.lock.lock();
				this.writing = false;
				this.lastSaved = (failure != null) ? null : saved;
				for (Pending<T> pending : batch) {
					pending.failure = failure;
					pending.done = true;
				}
				this.written.signalAll();
			}
		}

	}

	private static final class Pending<T> {

		private final T save;

		/**
		 * Whether the write that included this save has ended; guarded by the lock.
		 */
		private boolean done;

		/**
		 * What that write threw; guarded by the lock.
		 */
		private @Nullable RuntimeException failure;

		Pending(T save) {
			this.save = save;
		}

	}

}
