package io.sessionengines.registry;

import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

import io.sessionengines.engine.SaveResult;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.StoredSession;
import org.jspecify.annotations.Nullable;

/**
 * A {@link SessionEngine} that counts the calls made to the engine it wraps: each one is
 * a round trip to the store of a server-side engine.
 *
 * @author Session Engines contributors
 */
final class CountingSessionEngine implements SessionEngine {

	private final SessionEngine engine;

	private final AtomicInteger calls = new AtomicInteger();

	CountingSessionEngine(SessionEngine engine) {
		this.engine = engine;
	}

	int calls() {
		return this.calls.get();
	}

	@Override
	public @Nullable Map<String, @Nullable Object> load(String key) {
		this.calls.incrementAndGet();
		return this.engine.load(key);
	}

	@Override
	public @Nullable StoredSession loadStored(String key) {
		this.calls.incrementAndGet();
		return this.engine.loadStored(key);
	}

	@Override
	public String save(String key, Map<String, @Nullable Object> data, Instant expiresAt, boolean mustCreate) {
		this.calls.incrementAndGet();
		return this.engine.save(key, data, expiresAt, mustCreate);
	}

	@Override
	public SaveResult compareAndSave(String key, Map<String, @Nullable Object> data, Instant expiresAt,
			Object expectedVersion) {
		this.calls.incrementAndGet();
		return this.engine.compareAndSave(key, data, expiresAt, expectedVersion);
	}

	@Override
	public void delete(String key) {
		this.calls.incrementAndGet();
		this.engine.delete(key);
	}

	@Override
	public OptionalLong clearExpired() {
		return this.engine.clearExpired();
	}

	@Override
	public boolean isKeyPayload() {
		return this.engine.isKeyPayload();
	}

}
