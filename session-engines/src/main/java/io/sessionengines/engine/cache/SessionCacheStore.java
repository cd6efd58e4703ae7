package io.sessionengines.engine.cache;

import java.time.Duration;

import io.sessionengines.engine.SessionStoreUnavailableException;
import org.jspecify.annotations.Nullable;

/**
 * A cache that holds sessions for the {@code cache} and {@code cached_db} engines: string
 * values with a time to live per entry, and atomic conditional writes, so that creating a
 * session never overwrites another, updating one never brings a deleted one back, and
 * concurrent updates of one session never lose each other's changes.
 * <p>
 * Implementations throw {@link SessionStoreUnavailableException} when the cache cannot be
 * reached, so that an outage is never mistaken for a missing session, and bound the time
 * each call may take (a cache that hangs must not hang the request): the engines rely on
 * it, as they do not wait on another thread.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public interface SessionCacheStore {

	/**
	 * Return a value.
	 * @param key the session key
	 * @return the value, or {@code null} when absent or expired
	 */
	@Nullable String get(String key);

	/**
	 * Store a value only if the key is absent.
	 * @param key the session key
	 * @param value the value
	 * @param timeToLive how long the entry lives, positive
	 * @return whether the value was stored
	 */
	boolean add(String key, String value, Duration timeToLive);

	/**
	 * Store a value only if the key is present.
	 * @param key the session key
	 * @param value the value
	 * @param timeToLive how long the entry lives from now, positive
	 * @return whether the value was stored
	 */
	boolean replace(String key, String value, Duration timeToLive);

	/**
	 * Store a value only if the key holds the expected one, atomically: the
	 * compare-and-set that keeps concurrent saves of one session from losing each other's
	 * changes. The default is not atomic (it reads, compares, then replaces), so that a
	 * store written before this method keeps working; a save racing another one in
	 * between can then lose the other's changes, as with Django's cache engine. Override
	 * it with one atomic operation.
	 * @param key the session key
	 * @param expected the value the key must hold
	 * @param value the new value
	 * @param timeToLive how long the entry lives from now, positive
	 * @return whether the value was stored, and otherwise what the key holds
	 */
	default CacheSwap compareAndSet(String key, String expected, String value, Duration timeToLive) {
		String current = get(key);
		if (current == null) {
			return CacheSwap.ABSENT;
		}
		if (!current.equals(expected)) {
			return CacheSwap.conflict(current);
		}
		return replace(key, value, timeToLive) ? CacheSwap.SWAPPED : CacheSwap.ABSENT;
	}

	/**
	 * Store a value whether or not the key is present.
	 * @param key the session key
	 * @param value the value
	 * @param timeToLive how long the entry lives, positive
	 */
	void set(String key, String value, Duration timeToLive);

	/**
	 * Remove a value; removing an absent key does nothing.
	 * @param key the session key
	 */
	void delete(String key);

	/**
	 * Return whether this cache keeps its entries in this process's memory, where no
	 * other program reads them, so that the engine may store them in the form that is
	 * cheapest to write rather than the one that is smallest.
	 * @return whether entries stay in this process; {@code false} by default
	 */
	default boolean isInProcess() {
		return false;
	}

}
