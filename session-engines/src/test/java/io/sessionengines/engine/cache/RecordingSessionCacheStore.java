package io.sessionengines.engine.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;

import io.sessionengines.engine.SessionStoreUnavailableException;
import org.jspecify.annotations.Nullable;

/**
 * A {@link SessionCacheStore} test double around a real store: it records every operation
 * (to count round trips and check their order) and can be told to fail chosen operations
 * as an unreachable cache does, with {@link SessionStoreUnavailableException}.
 * Thread-safe.
 *
 * @author Session Engines contributors
 */
public final class RecordingSessionCacheStore implements SessionCacheStore {

	private final SessionCacheStore delegate;

	private final List<String> operations = new ArrayList<>();

	private final Set<Operation> failing = EnumSet.noneOf(Operation.class);

	private IntSupplier position = () -> 0;

	private @Nullable Operation before;

	private @Nullable Runnable beforeAction;

	/**
	 * Wrap a store.
	 * @param delegate the store that does the work when an operation does not fail
	 */
	public RecordingSessionCacheStore(SessionCacheStore delegate) {
		this.delegate = delegate;
	}

	/**
	 * Make the given operations fail from now on, without reaching the real store.
	 * @param operations the operations that fail
	 */
	public synchronized void fail(Operation... operations) {
		this.failing.addAll(List.of(operations));
	}

	/**
	 * Run an action once, just before the next operation of the given kind reaches the
	 * real store, on the thread of that operation; operations the action does are
	 * recorded too.
	 * @param operation the operation to wait for
	 * @param action what to run before it
	 */
	public synchronized void runBeforeNext(Operation operation, Runnable action) {
		this.before = operation;
		this.beforeAction = action;
	}

	/**
	 * Make every operation work again.
	 */
	public synchronized void heal() {
		this.failing.clear();
	}

	/**
	 * Record with each operation a position in another sequence, such as the number of
	 * SQL statements run so far, so that a test can tell which came first.
	 * @param position supplies the position
	 */
	public synchronized void setPosition(IntSupplier position) {
		this.position = position;
	}

	/**
	 * Return the operations since the last {@link #reset()}, each as its name and whether
	 * it failed, such as {@code GET} or {@code SET (failed)}.
	 * @return the operations, in order
	 */
	public synchronized List<String> operations() {
		return this.operations.stream().map((operation) -> operation.split("@", 2)[0]).toList();
	}

	/**
	 * Return the operations since the last {@link #reset()} with the
	 * {@link #setPosition(IntSupplier) position} at which each happened, such as
	 * {@code DELETE@0} or {@code SET@1}.
	 * @return the operations, in order
	 */
	public synchronized List<String> operationsWithPositions() {
		return List.copyOf(this.operations);
	}

	/**
	 * Forget the operations recorded so far.
	 */
	public synchronized void reset() {
		this.operations.clear();
	}

	/**
	 * Return the value the real store holds, without recording an operation.
	 * @param key the session key
	 * @return the value, or {@code null}
	 */
	public @Nullable String peek(String key) {
		return this.delegate.get(key);
	}

	@Override
	public @Nullable String get(String key) {
		record(Operation.GET);
		return this.delegate.get(key);
	}

	@Override
	public boolean add(String key, String value, Duration timeToLive) {
		record(Operation.ADD);
		return this.delegate.add(key, value, timeToLive);
	}

	@Override
	public boolean replace(String key, String value, Duration timeToLive) {
		record(Operation.REPLACE);
		return this.delegate.replace(key, value, timeToLive);
	}

	@Override
	public CacheSwap compareAndSet(String key, String expected, String value, Duration timeToLive) {
		record(Operation.CAS);
		return this.delegate.compareAndSet(key, expected, value, timeToLive);
	}

	@Override
	public void set(String key, String value, Duration timeToLive) {
		record(Operation.SET);
		this.delegate.set(key, value, timeToLive);
	}

	@Override
	public void delete(String key) {
		record(Operation.DELETE);
		this.delegate.delete(key);
	}

	private void record(Operation operation) {
		Runnable action = null;
		synchronized (this) {
			if (operation == this.before) {
				action = this.beforeAction;
				this.before = null;
				this.beforeAction = null;
			}
		}
		if (action != null) {
			action.run();
		}
		recordNow(operation);
	}

	private synchronized void recordNow(Operation operation) {
		boolean fails = this.failing.contains(operation);
		this.operations.add(operation + (fails ? " (failed)" : "") + "@" + this.position.getAsInt());
		if (fails) {
			throw new SessionStoreUnavailableException("Test cache: " + operation + " fails",
					new IllegalStateException("simulated cache failure"));
		}
	}

	/**
	 * The operations of a {@link SessionCacheStore}.
	 */
	public enum Operation {

		/**
		 * {@link SessionCacheStore#get(String)}.
		 */
		GET,

		/**
		 * {@link SessionCacheStore#add(String, String, Duration)}.
		 */
		ADD,

		/**
		 * {@link SessionCacheStore#replace(String, String, Duration)}.
		 */
		REPLACE,

		/**
		 * {@link SessionCacheStore#set(String, String, Duration)}.
		 */
		SET,

		/**
		 * {@link SessionCacheStore#compareAndSet(String, String, String, Duration)}.
		 */
		CAS,

		/**
		 * {@link SessionCacheStore#delete(String)}.
		 */
		DELETE

	}

}
