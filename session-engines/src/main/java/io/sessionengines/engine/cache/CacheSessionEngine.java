package io.sessionengines.engine.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;

import io.sessionengines.engine.SaveResult;
import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionCreateException;
import io.sessionengines.engine.SessionDataFormat;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.SessionUpdateException;
import io.sessionengines.engine.StoredSession;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Django's {@code cache} engine: one cache entry per session, living as long as the
 * session.
 * <p>
 * Better than Django: entries hold the signed session data (tamper-evident and readable
 * by any language, unlike Django's pickles); a new session is stored only if its key is
 * free and an update only if the entry still exists, each in one atomic operation (Django
 * checks, then sets); an update is a compare-and-set against the entry the request
 * loaded, so concurrent requests keep each other's changes; and an unreachable cache
 * fails the request instead of silently logging everyone out.
 * <p>
 * To share sessions with a Django application's cache engine, give it a
 * {@link DjangoCacheFormat} instead of a {@link SessionCodec}, and a store whose keys
 * start with {@link DjangoCacheFormat#keyPrefix(String, int)}: entries are then the
 * unsigned JSON that Django's cache holds, with every other guarantee kept.
 * <p>
 * On a {@link CaffeineSessionCacheStore}, which keeps entries in this process's memory,
 * the engine stores plain JSON data as it would read back from a token rather than the
 * token itself, so that loading and saving a session cost a copy of its data instead of
 * parsing, verifying, serializing and signing it; values the serializer cannot copy so
 * (typed values, for example), and all data when the codec encrypts, are stored as tokens
 * as on any other store.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public final class CacheSessionEngine implements SessionEngine {

	private final SessionCacheStore store;

	private final SessionDataFormat format;

	private final SessionExpiry expiry;

	/**
	 * The store when it is this process's Caffeine store and entries are signed tokens:
	 * entries may then hold the data itself ({@link LiveSessionData}).
	 */
	private final @Nullable CaffeineSessionCacheStore memory;

	/**
	 * Create an engine.
	 * @param store the cache
	 * @param format how session data is encoded in the cache: a {@link SessionCodec}
	 * (signed tokens), or a {@link DjangoCacheFormat} (Django's plain JSON)
	 * @param expiry the expiry rules
	 */
	public CacheSessionEngine(SessionCacheStore store, SessionDataFormat format, SessionExpiry expiry) {
		Assert.notNull(store, "'store' must not be null");
		Assert.notNull(format, "'format' must not be null");
		Assert.notNull(expiry, "'expiry' must not be null");
		this.store = store;
		// compressing is a quarter of a save's CPU, and in this process's memory the
		// bytes it saves matter less than that
		this.format = (store.isInProcess() && format instanceof SessionCodec codec) ? codec.uncompressed() : format;
		this.expiry = expiry;
		this.memory = (store instanceof CaffeineSessionCacheStore caffeine && format instanceof SessionCodec) ? caffeine
				: null;
	}

	@Override
	public @Nullable Map<String, @Nullable Object> load(String key) {
		StoredSession stored = loadStored(key);
		return (stored != null) ? stored.data() : null;
	}

	@Override
	public String save(String key, Map<String, @Nullable Object> data, Instant expiresAt, boolean mustCreate) {
		Duration timeToLive = timeToLive(expiresAt);
		if (timeToLive == null) {
			// an expired session is not stored; an existing one is removed
			if (!mustCreate) {
				this.store.delete(key);
			}
			return key;
		}
		Object entry = entry(data);
		if (mustCreate && !add(key, entry, timeToLive)) {
			throw new SessionCreateException("A session with this key already exists");
		}
		if (!mustCreate && !replace(key, entry, timeToLive)) {
			throw new SessionUpdateException("The session was deleted before it could be updated");
		}
		return key;
	}

	@Override
	public @Nullable StoredSession loadStored(String key) {
		Object entry = (this.memory != null) ? this.memory.value(key) : this.store.get(key);
		return (entry != null) ? decode(key, entry) : null;
	}

	/**
	 * Update the session's entry only if it still holds the entry the request loaded,
	 * compared as stored text: one atomic operation, such as one script on Redis, which
	 * also returns the entry stored instead. In this process's memory, an entry that
	 * holds the data itself is compared as the very object the request loaded.
	 */
	@Override
	public SaveResult compareAndSave(String key, Map<String, @Nullable Object> data, Instant expiresAt,
			Object expectedVersion) {
		Duration timeToLive = timeToLive(expiresAt);
		if (timeToLive == null) {
			this.store.delete(key);
			return new SaveResult.Saved(null);
		}
		Object entry = entry(data);
		Object current;
		if (this.memory != null) {
			current = this.memory.compareAndSetValue(key, expectedVersion, entry, timeToLive);
		}
		else {
			CacheSwap swap = this.store.compareAndSet(key, SessionCodec.token(expectedVersion), (String) entry,
					timeToLive);
			current = swap.swapped() ? entry : swap.current();
		}
		if (current == entry) {
			return new SaveResult.Saved(entry);
		}
		if (current == null) {
			throw new SessionUpdateException("The session was deleted before it could be updated");
		}
		if (current instanceof LiveSessionData live) {
			return new SaveResult.Conflict(new StoredSession(live.copy(key), live));
		}
		return this.format.conflict(key, (String) current);
	}

	/**
	 * Return what to store for the data: in this process's memory the data itself, as a
	 * token would read back, when the codec can copy it so; else the encoded text.
	 */
	private Object entry(Map<String, @Nullable Object> data) {
		if (this.memory != null) {
			SessionCodec codec = (SessionCodec) this.format;
			Map<String, @Nullable Object> copy = codec.readBackCopy(data);
			if (copy != null) {
				return new LiveSessionData(copy, codec);
			}
		}
		return this.format.encode(data);
	}

	private @Nullable StoredSession decode(String key, Object entry) {
		if (entry instanceof LiveSessionData live) {
			return new StoredSession(live.copy(key), live);
		}
		return this.format.decodeStored(key, (String) entry);
	}

	private boolean add(String key, Object entry, Duration timeToLive) {
		return (this.memory != null) ? this.memory.addValue(key, entry, timeToLive)
				: this.store.add(key, (String) entry, timeToLive);
	}

	private boolean replace(String key, Object entry, Duration timeToLive) {
		return (this.memory != null) ? this.memory.replaceValue(key, entry, timeToLive)
				: this.store.replace(key, (String) entry, timeToLive);
	}

	private @Nullable Duration timeToLive(Instant expiresAt) {
		Duration timeToLive = Duration.between(this.expiry.now(), SessionExpiry.clamp(expiresAt));
		return (timeToLive.isNegative() || timeToLive.isZero()) ? null : timeToLive;
	}

	@Override
	public void delete(String key) {
		this.store.delete(key);
	}

	@Override
	public OptionalLong clearExpired() {
		return OptionalLong.empty();
	}

}
