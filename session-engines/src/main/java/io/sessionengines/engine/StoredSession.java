package io.sessionengines.engine;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A session as an engine stores it: its data, and the version a compare-and-set save
 * compares against ({@link SessionEngine#compareAndSave}).
 *
 * @param data the session data, in a mutable map
 * @param version what identifies this state of the stored session, such as the stored
 * token; {@code null} for an engine that has no compare-and-set
 * @author Session Engines contributors
 * @since 0.2.0
 */
public record StoredSession(Map<String, @Nullable Object> data, @Nullable Object version) {

	/**
	 * Create a stored session.
	 * @param data the session data
	 * @param version its version, or {@code null}
	 */
	public StoredSession {
		Assert.notNull(data, "'data' must not be null");
	}

}
