package io.sessionengines.session;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What one request changed in its session since it was loaded or last saved: the keys it
 * set or removed, whether it cleared the session, and whether it may have changed any
 * value in place. When another request saved the session meanwhile, these changes are
 * applied to what that request stored, so that the two keep each other's changes.
 *
 * @author Session Engines contributors
 */
final class ChangeSet {

	private final Set<String> keys = new LinkedHashSet<>();

	private boolean cleared;

	private boolean everyValue;

	/**
	 * Record that a key was set or removed; its final value is read from the request's
	 * data when the changes are applied.
	 * @param key the key
	 */
	void touch(String key) {
		this.keys.add(key);
	}

	/**
	 * Return whether a key was set or removed.
	 * @param key the key
	 * @return whether it was set or removed
	 */
	boolean touched(String key) {
		return this.keys.contains(key);
	}

	/**
	 * Record that every key was removed, so that nothing stored before survives.
	 */
	void clear() {
		this.cleared = true;
		this.keys.clear();
	}

	/**
	 * Record that any value may have changed in place, so that every value the request
	 * holds is applied.
	 */
	void touchEveryValue() {
		this.everyValue = true;
	}

	/**
	 * Forget the changes, once they are saved.
	 */
	void reset() {
		this.keys.clear();
		this.cleared = false;
		this.everyValue = false;
	}

	/**
	 * Apply the changes to another state of the session.
	 * @param stored the session as another request stored it
	 * @param requestData the session's data in this request
	 * @return the stored data with this request's changes on top, in a new map
	 */
	Map<String, @Nullable Object> applyTo(Map<String, @Nullable Object> stored,
			Map<String, @Nullable Object> requestData) {
		Map<String, @Nullable Object> merged = this.cleared ? new LinkedHashMap<>() : new LinkedHashMap<>(stored);
		if (this.everyValue) {
			merged.putAll(requestData);
		}
		for (String key : this.keys) {
			if (requestData.containsKey(key)) {
				merged.put(key, requestData.get(key));
			}
			else {
				merged.remove(key);
			}
		}
		return merged;
	}

}
