package io.sessionengines.web.servlet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import io.sessionengines.engine.SaveResult;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.StoredSession;
import org.jspecify.annotations.Nullable;

/**
 * A {@link SessionEngine} that records the operations it passes to a real engine.
 *
 * @author Session Engines contributors
 */
class RecordingSessionEngine implements SessionEngine {

	private final SessionEngine delegate;

	private final List<String> operations = new ArrayList<>();

	RecordingSessionEngine(SessionEngine delegate) {
		this.delegate = delegate;
	}

	List<String> operations() {
		return this.operations;
	}

	@Override
	public @Nullable Map<String, @Nullable Object> load(String key) {
		this.operations.add("load");
		return this.delegate.load(key);
	}

	@Override
	public String save(String key, Map<String, @Nullable Object> data, Instant expiresAt, boolean mustCreate) {
		this.operations.add(mustCreate ? "create" : "update");
		return this.delegate.save(key, data, expiresAt, mustCreate);
	}

	@Override
	public @Nullable StoredSession loadStored(String key) {
		this.operations.add("load");
		return this.delegate.loadStored(key);
	}

	@Override
	public SaveResult compareAndSave(String key, Map<String, @Nullable Object> data, Instant expiresAt,
			Object expectedVersion) {
		this.operations.add("update");
		return this.delegate.compareAndSave(key, data, expiresAt, expectedVersion);
	}

	@Override
	public void delete(String key) {
		this.operations.add("delete");
		this.delegate.delete(key);
	}

	@Override
	public OptionalLong clearExpired() {
		return this.delegate.clearExpired();
	}

}
