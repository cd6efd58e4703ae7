package io.sessionengines.session;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Several {@link SessionListener}s told in order: a session may be used only if every one
 * of them allows it.
 *
 * @author Session Engines contributors
 */
final class CompositeSessionListener implements SessionListener {

	private final List<SessionListener> listeners;

	CompositeSessionListener(List<SessionListener> listeners) {
		this.listeners = listeners;
	}

	@Override
	public boolean loaded(String key, Map<String, @Nullable Object> data) {
		for (SessionListener listener : this.listeners) {
			if (!listener.loaded(key, data)) {
				return false;
			}
		}
		return true;
	}

	@Override
	public void saved(@Nullable String previousKey, String key, Map<String, @Nullable Object> data, Instant expiresAt) {
		for (SessionListener listener : this.listeners) {
			listener.saved(previousKey, key, data, expiresAt);
		}
	}

	@Override
	public void flushed(String key, Map<String, @Nullable Object> data) {
		for (SessionListener listener : this.listeners) {
			listener.flushed(key, data);
		}
	}

}
