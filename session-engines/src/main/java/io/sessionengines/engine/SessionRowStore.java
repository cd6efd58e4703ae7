package io.sessionengines.engine;

import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

/**
 * A durable store of session rows, the source of truth that
 * {@link io.sessionengines.engine.cacheddb.CachedDbSessionEngine cached_db} puts a cache
 * in front of. The {@code db} engine is one; a store of the application's own becomes a
 * {@code cached_db} by implementing this interface.
 * <p>
 * A row's data is encoded in the store's {@link #format()}, and the encoded text is the
 * row's version: the decorator caches that text, decodes it with the same format, and
 * compares it when it saves, so there is never a second codec to keep in step with the
 * store's. Implementations must be thread-safe, and each method is atomic.
 *
 * @author Session Engines contributors
 * @since 0.3.0
 */
public interface SessionRowStore {

	/**
	 * Return how this store encodes session data in its rows.
	 * @return the format
	 */
	SessionDataFormat format();

	/**
	 * Load a live session's row, as it is stored.
	 * @param key the session key, as the cookie carries it
	 * @return the row, or {@code null} when there is no such session or it has expired
	 */
	@Nullable SessionRow loadRow(String key);

	/**
	 * Store a session's row.
	 * @param key the session key
	 * @param row the encoded data and expiry date
	 * @param mustCreate {@code true} to create the row, {@code false} to update it
	 * @throws SessionCreateException if {@code mustCreate} is set and the key is taken
	 * @throws SessionUpdateException if {@code mustCreate} is not set and the row is
	 * gone; an update never brings a deleted session back
	 */
	void saveRow(String key, SessionRow row, boolean mustCreate);

	/**
	 * Update a session's row only if it still holds the given data, atomically.
	 * @param key the session key
	 * @param row the new encoded data and expiry date
	 * @param expectedData the encoded data the row must hold
	 * @return {@code null} when the row was updated; otherwise the row as it is now,
	 * saved by a concurrent request
	 * @throws SessionUpdateException if the row is gone
	 */
	@Nullable SessionRow compareAndSaveRow(String key, SessionRow row, String expectedData);

	/**
	 * Delete a session's row. Deleting a row that does not exist does nothing.
	 * @param key the session key
	 */
	void delete(String key);

	/**
	 * Remove the expired rows.
	 * @return how many rows were removed, or empty when the store expires rows by itself
	 */
	OptionalLong clearExpired();

}
