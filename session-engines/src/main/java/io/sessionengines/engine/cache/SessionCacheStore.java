package io.sessionengines.engine.cache;

import java.time.Duration;

import io.sessionengines.engine.SessionStoreUnavailableException;
import org.jspecify.annotations.Nullable;

/**
 * A cache that holds sessions for the {@code cache} and {@code cached_db} engines: string
 * values with a time to live per entry, and atomic conditional writes, so that creating a
 * session never overwrites another and updating one never brings a deleted one back.
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

}
