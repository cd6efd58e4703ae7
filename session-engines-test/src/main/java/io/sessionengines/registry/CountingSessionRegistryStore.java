package io.sessionengines.registry;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.sessionengines.engine.SessionStoreUnavailableException;
import org.jspecify.annotations.Nullable;

/**
 * A {@link SessionRegistryStore} that counts the calls made to the store it wraps, and
 * can be made to fail as a store that stops answering does.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public final class CountingSessionRegistryStore implements SessionRegistryStore {

	private final SessionRegistryStore store;

	private final AtomicInteger calls = new AtomicInteger();

	private final AtomicBoolean failing = new AtomicBoolean();

	public CountingSessionRegistryStore(SessionRegistryStore store) {
		this.store = store;
	}

	public int calls() {
		return this.calls.get();
	}

	public void fail(boolean failing) {
		this.failing.set(failing);
	}

	private void call() {
		this.calls.incrementAndGet();
		if (this.failing.get()) {
			throw new SessionStoreUnavailableException("Test registry store: not answering", null);
		}
	}

	@Override
	public PrincipalSessions find(String principal, int limit) {
		call();
		return this.store.find(principal, limit);
	}

	@Override
	public @Nullable RegisteredSession findById(String id) {
		call();
		return this.store.findById(id);
	}

	@Override
	public @Nullable List<RegisteredSession> register(RegisteredSession session, long expectedVersion,
			Collection<String> removeIds) {
		call();
		return this.store.register(session, expectedVersion, removeIds);
	}

	@Override
	public @Nullable RegisteredSession remove(String id) {
		call();
		return this.store.remove(id);
	}

	@Override
	public List<RegisteredSession> removeAll(String principal, @Nullable String exceptId) {
		call();
		return this.store.removeAll(principal, exceptId);
	}

	@Override
	public boolean update(String id, @Nullable String key, Instant lastSeenAt, @Nullable Instant expiresAt) {
		call();
		return this.store.update(id, key, lastSeenAt, expiresAt);
	}

	@Override
	public void revoke(String id, Instant until) {
		call();
		this.store.revoke(id, until);
	}

	@Override
	public List<Revocation> revocations(Instant since) {
		call();
		return this.store.revocations(since);
	}

	@Override
	public List<RegisteredSession> removeExpired(int limit) {
		call();
		return this.store.removeExpired(limit);
	}

	@Override
	public long purgeExpired() {
		call();
		return this.store.purgeExpired();
	}

}
