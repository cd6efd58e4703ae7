package io.sessionengines.engine;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A session as an engine stores it: its data, the version a compare-and-set save compares
 * against ({@link SessionEngine#compareAndSave}), and whether it is stored under an
 * outdated key or format.
 *
 * @param data the session data, in a mutable map
 * @param version what identifies this state of the stored session, such as the stored
 * token; {@code null} for an engine that has no compare-and-set
 * @param outdated whether the data is stored under an outdated key (with a key ring that
 * upgrades on read) or in another form than the engine writes now: the session saves it
 * again, unchanged, at the end of the request that loaded it, which moves it to the
 * current key and form ("upgrade on read")
 * @author Session Engines contributors
 * @since 0.2.0
 */
public record StoredSession(Map<String, @Nullable Object> data, @Nullable Object version, boolean outdated) {

	/**
	 * Create a stored session.
	 * @param data the session data
	 * @param version its version, or {@code null}
	 * @param outdated whether its key or form is outdated
	 */
	public StoredSession {
		Assert.notNull(data, "'data' must not be null");
	}

	/**
	 * Create a stored session whose key and form are current.
	 * @param data the session data
	 * @param version its version, or {@code null}
	 */
	public StoredSession(Map<String, @Nullable Object> data, @Nullable Object version) {
		this(data, version, false);
	}

}
