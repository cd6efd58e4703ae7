package io.sessionengines.test;

import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import io.sessionengines.engine.SaveResult;
import io.sessionengines.engine.SessionCreateException;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.SessionUpdateException;
import io.sessionengines.engine.StoredSession;
import io.sessionengines.serializer.SessionSerializer;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A session engine that keeps its sessions in memory, for tests: it needs no database,
 * cache or file system, and a test can list, read and remove its sessions.
 * <p>
 * Sessions are stored serialized by the application's {@link SessionSerializer}, so a
 * value reads back exactly as it would from a real store (a JSON number as the type the
 * JSON serializer gives it, for example), and a test never shares a mutable value with
 * the session it stored. Saves are compare-and-set, as with every server-side engine of
 * the project.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public final class InMemorySessionEngine implements SessionEngine {

	private final Map<String, Entry> sessions = new ConcurrentHashMap<>();

	private final AtomicLong versions = new AtomicLong();

	private final SessionSerializer serializer;

	private final SessionExpiry expiry;

	/**
	 * Create an engine.
	 * @param serializer serializes the stored sessions
	 * @param expiry gives the current time, against which sessions expire
	 */
	public InMemorySessionEngine(SessionSerializer serializer, SessionExpiry expiry) {
		Assert.notNull(serializer, "'serializer' must not be null");
		Assert.notNull(expiry, "'expiry' must not be null");
		this.serializer = serializer;
		this.expiry = expiry;
	}

	@Override
	public @Nullable Map<String, @Nullable Object> load(String key) {
		StoredSession stored = loadStored(key);
		return (stored != null) ? stored.data() : null;
	}

	@Override
	public @Nullable StoredSession loadStored(String key) {
		Entry entry = live(this.sessions.get(key));
		return (entry != null) ? new StoredSession(this.serializer.deserialize(entry.data()), entry.version()) : null;
	}

	@Override
	public String save(String key, Map<String, @Nullable Object> data, Instant expiresAt, boolean mustCreate) {
		Entry entry = newEntry(data, expiresAt);
		Entry stored = this.sessions.compute(key, (k, old) -> ((live(old) == null) == mustCreate) ? entry : old);
		if (stored != entry) {
			throw mustCreate ? new SessionCreateException("The session key '" + key + "' is taken")
					: new SessionUpdateException("The session '" + key + "' no longer exists");
		}
		return key;
	}

	@Override
	public SaveResult compareAndSave(String key, Map<String, @Nullable Object> data, Instant expiresAt,
			Object expectedVersion) {
		Entry entry = newEntry(data, expiresAt);
		AtomicReference<@Nullable Entry> current = new AtomicReference<>();
		this.sessions.compute(key, (k, old) -> {
			Entry liveOld = live(old);
			current.set(liveOld);
			return (liveOld != null && expectedVersion.equals(liveOld.version())) ? entry : old;
		});
		Entry before = current.get();
		if (before == null) {
			throw new SessionUpdateException("The session '" + key + "' no longer exists");
		}
		if (!expectedVersion.equals(before.version())) {
			return new SaveResult.Conflict(
					new StoredSession(this.serializer.deserialize(before.data()), before.version()));
		}
		return new SaveResult.Saved(entry.version());
	}

	@Override
	public void delete(String key) {
		this.sessions.remove(key);
	}

	@Override
	public OptionalLong clearExpired() {
		long removed = this.sessions.keySet()
			.stream()
			.filter((key) -> this.sessions.computeIfPresent(key, (k, entry) -> live(entry)) == null)
			.count();
		return OptionalLong.of(removed);
	}

	/**
	 * Return the keys of the live sessions.
	 * @return the keys, in no particular order
	 */
	public Set<String> getSessionKeys() {
		return this.sessions.entrySet()
			.stream()
			.filter((entry) -> live(entry.getValue()) != null)
			.map(Map.Entry::getKey)
			.collect(Collectors.toUnmodifiableSet());
	}

	/**
	 * Return how many live sessions there are.
	 * @return the number of live sessions
	 */
	public int size() {
		return getSessionKeys().size();
	}

	/**
	 * Remove every session, as between two tests that share the application context.
	 */
	public void clear() {
		this.sessions.clear();
	}

	private Entry newEntry(Map<String, @Nullable Object> data, Instant expiresAt) {
		return new Entry(this.serializer.serialize(data), expiresAt, this.versions.incrementAndGet());
	}

	private @Nullable Entry live(@Nullable Entry entry) {
		return (entry != null && entry.expiresAt().isAfter(this.expiry.now())) ? entry : null;
	}

	private record Entry(byte[] data, Instant expiresAt, long version) {

	}

}
