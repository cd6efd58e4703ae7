package io.sessionengines.session;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Told what happens to the sessions a {@link SessionFactory} opens, for what follows a
 * session beyond one request, such as the registry of each user's sessions. Called on the
 * request's thread, so implementations must be thread-safe and quick.
 *
 * @author Session Engines contributors
 * @since 0.3.0
 */
public interface SessionListener {

	/**
	 * A session was loaded: the engine found it live. Answer {@code false} to treat it as
	 * no session, as for one ended elsewhere: the request then starts from an empty
	 * session and its cookie is deleted.
	 * @param key the session key
	 * @param data the session data, which must not be changed
	 * @return whether the session may be used
	 */
	default boolean loaded(String key, Map<String, @Nullable Object> data) {
		return true;
	}

	/**
	 * A session was saved.
	 * @param previousKey the key the session had before this save: {@code null} when the
	 * save created a new session, another than {@code key} when it moved the session to a
	 * new key ({@link Session#cycleKey()}, or any save of an engine whose key is the
	 * payload)
	 * @param key the key it was saved under
	 * @param data the data saved, which must not be changed
	 * @param expiresAt when the saved session expires
	 */
	default void saved(@Nullable String previousKey, String key, Map<String, @Nullable Object> data,
			Instant expiresAt) {
	}

	/**
	 * A session was deleted by {@link Session#flush()}, as at a logout.
	 * @param key the key it had
	 * @param data its data as it was before the flush, which must not be changed
	 */
	default void flushed(String key, Map<String, @Nullable Object> data) {
	}

}
