package io.sessionengines.web.reactive;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

import io.sessionengines.engine.SaveResult;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionStoreUnavailableException;
import io.sessionengines.engine.StoredSession;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Schedulers;

/**
 * A {@link SessionEngine} that records each store call with whether it ran on a
 * non-blocking (event-loop) thread, and whose store can be made unreachable, for all
 * calls or for writes only.
 *
 * @author Session Engines contributors
 */
class ThreadRecordingSessionEngine implements SessionEngine {

	private final SessionEngine delegate;

	private final List<Call> calls = new CopyOnWriteArrayList<>();

	private volatile boolean unavailable;

	private volatile boolean writesUnavailable;

	ThreadRecordingSessionEngine(SessionEngine delegate) {
		this.delegate = delegate;
	}

	List<Call> calls() {
		return this.calls;
	}

	List<String> operations() {
		return this.calls.stream().map(Call::operation).toList();
	}

	void setUnavailable(boolean unavailable) {
		this.unavailable = unavailable;
	}

	/**
	 * Make saves and deletes fail while loads still work.
	 * @param writesUnavailable whether writes fail
	 */
	void setWritesUnavailable(boolean writesUnavailable) {
		this.writesUnavailable = writesUnavailable;
	}

	@Override
	public @Nullable Map<String, @Nullable Object> load(String key) {
		record("load");
		return this.delegate.load(key);
	}

	@Override
	public @Nullable StoredSession loadStored(String key) {
		record("load");
		return this.delegate.loadStored(key);
	}

	@Override
	public String save(String key, Map<String, @Nullable Object> data, Instant expiresAt, boolean mustCreate) {
		record(mustCreate ? "create" : "update");
		return this.delegate.save(key, data, expiresAt, mustCreate);
	}

	@Override
	public SaveResult compareAndSave(String key, Map<String, @Nullable Object> data, Instant expiresAt,
			Object expectedVersion) {
		record("update");
		return this.delegate.compareAndSave(key, data, expiresAt, expectedVersion);
	}

	@Override
	public void delete(String key) {
		record("delete");
		this.delegate.delete(key);
	}

	@Override
	public OptionalLong clearExpired() {
		return this.delegate.clearExpired();
	}

	@Override
	public boolean isKeyPayload() {
		return this.delegate.isKeyPayload();
	}

	private void record(String operation) {
		this.calls.add(new Call(operation, Thread.currentThread().getName(), Schedulers.isInNonBlockingThread()));
		if (this.unavailable || (this.writesUnavailable && !operation.equals("load"))) {
			throw new SessionStoreUnavailableException("The session store is unreachable (test)", null);
		}
	}

	/**
	 * A store call and the thread it ran on.
	 */
	record Call(String operation, String thread, boolean onEventLoop) {

	}

}
