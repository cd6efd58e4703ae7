package io.sessionengines.engine;

import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

/**
 * Where sessions live: the storage half of Django's {@code SessionStore}.
 * <p>
 * An engine only stores and finds whole sessions. Everything else, such as lazy loading,
 * the accessed and modified flags, key generation, expiry rules, {@code flush} and
 * {@code cycle_key}, lives once in {@link io.sessionengines.session.Session}. Engines are
 * shared by all requests and must be thread-safe.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public interface SessionEngine {

	/**
	 * Load the data of a live session.
	 * @param key the session key, as the cookie carries it
	 * @return the session data in a mutable map, or {@code null} when there is no such
	 * session, it has expired, or its stored data cannot be read; loading never creates a
	 * session
	 */
	@Nullable Map<String, @Nullable Object> load(String key);

	/**
	 * Store a session.
	 * @param key the session key
	 * @param data the session data
	 * @param expiresAt when the session expires, for engines that store the deadline
	 * @param mustCreate {@code true} to create a new session, {@code false} to update an
	 * existing one
	 * @return the value the session cookie must carry: the key, for engines that store
	 * sessions on the server
	 * @throws SessionCreateException if {@code mustCreate} is set and the key is taken
	 * @throws SessionUpdateException if {@code mustCreate} is not set and the session no
	 * longer exists; an update never brings a deleted session back
	 */
	String save(String key, Map<String, @Nullable Object> data, Instant expiresAt, boolean mustCreate);

	/**
	 * Delete a session. Deleting a session that does not exist does nothing.
	 * @param key the session key
	 */
	void delete(String key);

	/**
	 * Remove the expired sessions (Django's {@code clear_expired}).
	 * @return how many sessions were removed, or empty when the storage expires sessions
	 * by itself and there is nothing to do
	 */
	OptionalLong clearExpired();

	/**
	 * Check that the store can be used now, for health checks. By default it looks up a
	 * key no session has, which reaches the store without changing it.
	 * @throws SessionStoreUnavailableException if the store cannot be used
	 */
	default void checkAvailability() {
		load("availabilitycheck00000000000000");
	}

}
