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
 * <p>
 * Concurrent requests on one session keep each other's changes when the engine supports
 * compare-and-set: {@link #loadStored} returns a version with the data, and
 * {@link #compareAndSave} saves only if the stored session still has that version, or
 * returns what is stored now, to which the session applies its request's changes before
 * it tries again. Every server-side engine of this project does. An engine that only
 * implements {@link #load} and {@link #save} still works: its sessions have no version,
 * and each save replaces the whole stored session, so of two concurrent requests the one
 * that saves last wins, as in Django. An engine that wraps another one, to time it say,
 * must forward both methods, or it turns compare-and-set off.
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
	 * Load the data of a live session with its version, for a later
	 * {@link #compareAndSave}. By default the data of {@link #load} with no version.
	 * @param key the session key, as the cookie carries it
	 * @return the stored session, or {@code null} when {@link #load} would return
	 * {@code null}
	 */
	default @Nullable StoredSession loadStored(String key) {
		Map<String, @Nullable Object> data = load(key);
		return (data != null) ? new StoredSession(data, null) : null;
	}

	/**
	 * Update an existing session only if it is stored with the given version, atomically
	 * (a compare-and-set). By default, for engines without versions, an unconditional
	 * {@link #save update}.
	 * @param key the session key
	 * @param data the session data
	 * @param expiresAt when the session expires
	 * @param expectedVersion the version {@link #loadStored} or the last save returned;
	 * never {@code null}
	 * @return {@link SaveResult.Saved} with the new version, or
	 * {@link SaveResult.Conflict} with the session as stored now when its version is
	 * another one
	 * @throws SessionUpdateException if the session no longer exists; an update never
	 * brings a deleted session back
	 */
	default SaveResult compareAndSave(String key, Map<String, @Nullable Object> data, Instant expiresAt,
			Object expectedVersion) {
		save(key, data, expiresAt, false);
		return new SaveResult.Saved(null);
	}

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
	 * Return whether the key is the session itself, as a signed cookie is: nothing is
	 * stored under it, so deleting it ends nothing, and as a credential that carries the
	 * data it is never kept anywhere else. {@code false} by default, for engines that
	 * store sessions on the server under their key. An engine that wraps another must
	 * forward it.
	 * @return whether the key is the session's payload
	 */
	default boolean isKeyPayload() {
		return false;
	}

	/**
	 * Check that the store can be used now, for health checks. By default it looks up a
	 * key no session has, which reaches the store without changing it.
	 * @throws SessionStoreUnavailableException if the store cannot be used
	 */
	default void checkAvailability() {
		load("availabilitycheck00000000000000");
	}

}
