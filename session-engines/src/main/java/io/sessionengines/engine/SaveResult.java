package io.sessionengines.engine;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What a compare-and-set save ({@link SessionEngine#compareAndSave}) did: it saved, or it
 * found the session changed since it was loaded.
 *
 * @author Session Engines contributors
 * @since 0.2.0
 */
public sealed interface SaveResult {

	/**
	 * The data was saved.
	 *
	 * @param version the version of the saved session, to compare against on the next
	 * save; {@code null} for an engine that has no compare-and-set
	 */
	record Saved(@Nullable Object version) implements SaveResult {

	}

	/**
	 * Nothing was saved: another request changed the session since it was loaded.
	 *
	 * @param current the session as it is stored now, to apply the request's changes to
	 * before saving again
	 */
	record Conflict(StoredSession current) implements SaveResult {

		/**
		 * Create a conflict.
		 * @param current the session as it is stored now
		 */
		public Conflict {
			Assert.notNull(current, "'current' must not be null");
		}

	}

}
