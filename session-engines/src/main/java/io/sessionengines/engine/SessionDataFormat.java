package io.sessionengines.engine;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * How an engine writes session data as text and reads it back: Django's signed token
 * ({@link SessionCodec}), or another form that a program sharing the store reads, such as
 * the plain JSON that a Django cache holds
 * ({@link io.sessionengines.engine.cache.DjangoCacheFormat}).
 * <p>
 * The text itself is the version of a stored session that a compare-and-set save compares
 * against ({@link SessionEngine#compareAndSave}).
 *
 * @author Session Engines contributors
 * @since 0.3.0
 */
public interface SessionDataFormat {

	/**
	 * Encode session data.
	 * @param data the session data
	 * @return the text to store
	 * @throws SessionDataTooLargeException if the data is larger than the format's bound
	 */
	String encode(Map<String, @Nullable Object> data);

	/**
	 * Decode stored text. Text that cannot be read (tampered with, malformed, too large,
	 * or naming a class that is not allowed) counts as no data, with a warning in the log
	 * that names the session by a hash of its key; it never throws.
	 * @param key the session key, for the log
	 * @param encoded the stored text
	 * @return the session data in a mutable map, or {@code null} when the text does not
	 * decode
	 */
	@Nullable Map<String, @Nullable Object> decodeData(String key, String encoded);

	/**
	 * Decode stored text as {@link #decodeData} does, with the text itself as the version
	 * of the stored session.
	 * @param key the session key, for the log
	 * @param encoded the stored text
	 * @return the stored session, or {@code null} when the text does not decode
	 */
	default @Nullable StoredSession decodeStored(String key, String encoded) {
		Map<String, @Nullable Object> data = decodeData(key, encoded);
		return (data != null) ? new StoredSession(data, encoded) : null;
	}

	/**
	 * Report that a compare-and-set save found the given text stored instead of the
	 * expected one; text that does not decode counts as an empty session, as when the
	 * session is loaded.
	 * @param key the session key, for the log
	 * @param encoded the text stored now
	 * @return the conflict, with the text as the version
	 */
	default SaveResult.Conflict conflict(String key, String encoded) {
		StoredSession stored = decodeStored(key, encoded);
		return new SaveResult.Conflict((stored != null) ? stored : new StoredSession(new LinkedHashMap<>(), encoded));
	}

}
