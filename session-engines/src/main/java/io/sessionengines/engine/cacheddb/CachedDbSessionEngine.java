package io.sessionengines.engine.cacheddb;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

import io.sessionengines.engine.SaveResult;
import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionDataFormat;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.SessionRow;
import io.sessionengines.engine.SessionRowStore;
import io.sessionengines.engine.StoredSession;
import io.sessionengines.engine.cache.SessionCacheStore;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Django's {@code cached_db} engine: a {@link SessionRowStore} (the {@code db} engine's
 * table, or a store of the application's own) with a cache in front for reads. The row
 * store is the source of truth; the cache holds a copy of each row's encoded data until
 * the row expires, encoded in the row store's own {@link SessionRowStore#format()
 * format}.
 * <p>
 * A read tries the cache; on a miss it puts a placeholder in the cache, reads the
 * database, and replaces the placeholder with the row it found. An update is a
 * compare-and-set on the database ({@link SessionRowStore#compareAndSaveRow}), then on
 * the cache: the new data replaces the cached copy only if the cache still holds the data
 * the update replaced, and otherwise the cached copy is removed. A delete removes the
 * cached copy, the row, and the cached copy again. So the cache never serves data older
 * than the last save: a save racing another one, a delete, or a read that fills the
 * cache, can only leave the key uncached, never cache what the database no longer holds.
 * The price is one more cache call on a miss (the placeholder).
 * <p>
 * Better than Django: the cache can fail without failing the request. Every cache error
 * counts as a miss and is logged; a save or delete always reaches the database; and a
 * cache write that fails cannot leave old data to be served, as it can in Django.
 * <p>
 * A cache that fails or hangs costs a request at most one cache call: the engine relies
 * on the cache store to bound each call (the Redis store has a timeout of its own, which
 * for this engine should be short, such as 200 ms), and puts a circuit breaker in front
 * of it. After a cache call fails, the cache is skipped for the
 * {@link #setCacheRetryInterval retry interval} (one second by default) and the database
 * serves alone; then one request tries the cache again while the others keep skipping it,
 * and the cache is used again once that works. The keys whose cached copy could not be
 * removed or replaced meanwhile are remembered (up to 100,000, in this process) and are
 * neither read from the cache nor trusted until their copies have been removed, which is
 * done first when the cache is back. Since that memory is lost when the process stops,
 * and other processes do not share it, no copy is cached for longer than the
 * {@link #setCacheEntryLifetime cache entry lifetime} (one minute by default), after
 * which the session is read from the database again.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public final class CachedDbSessionEngine implements SessionEngine {

	/**
	 * The default time the cache is skipped after it fails.
	 */
	public static final Duration DEFAULT_CACHE_RETRY_INTERVAL = Duration.ofSeconds(1);

	/**
	 * The start of a placeholder: never the start of signed data, whose first part is
	 * base64 or a {@code .}.
	 */
	private static final String PLACEHOLDER_PREFIX = "!placeholder:";

	/**
	 * How long a placeholder lives when the read that put it fails to replace it.
	 */
	private static final Duration PLACEHOLDER_TIME_TO_LIVE = Duration.ofSeconds(10);

	/**
	 * The default longest time a session is served from the cache before it is read from
	 * the database again.
	 */
	public static final Duration DEFAULT_CACHE_ENTRY_LIFETIME = Duration.ofMinutes(1);

	private final GuardedSessionCache cache;

	private volatile Duration cacheEntryLifetime = DEFAULT_CACHE_ENTRY_LIFETIME;

	private final SessionRowStore db;

	private final SessionDataFormat format;

	private final SessionExpiry expiry;

	/**
	 * Create an engine.
	 * @param cache the cache
	 * @param db the row store, such as the {@code db} engine
	 * @param expiry the expiry rules, whose clock times the cached copies
	 */
	public CachedDbSessionEngine(SessionCacheStore cache, SessionRowStore db, SessionExpiry expiry) {
		Assert.notNull(cache, "'cache' must not be null");
		Assert.notNull(db, "'db' must not be null");
		Assert.notNull(expiry, "'expiry' must not be null");
		this.cache = new GuardedSessionCache(cache, expiry, DEFAULT_CACHE_RETRY_INTERVAL);
		this.db = db;
		this.format = db.format();
		this.expiry = expiry;
	}

	/**
	 * Set how long the cache is skipped after one of its operations fails, before one
	 * request tries it again.
	 * @param cacheRetryInterval the interval, positive
	 */
	public void setCacheRetryInterval(Duration cacheRetryInterval) {
		Assert.isTrue(cacheRetryInterval != null && !cacheRetryInterval.isNegative() && !cacheRetryInterval.isZero(),
				"'cacheRetryInterval' must be positive");
		this.cache.setRetryInterval(cacheRetryInterval);
	}

	/**
	 * Set the longest time a session is served from the cache before it is read from the
	 * database again: cached copies live that long at most (or until their row expires,
	 * if sooner). It bounds how long an old copy can be served when the cache missed a
	 * delete or a save, for example when it was unreachable from this process, and this
	 * process was restarted before it could remove the copy; an active session is cached
	 * anew by each save.
	 * @param cacheEntryLifetime the lifetime, positive
	 */
	public void setCacheEntryLifetime(Duration cacheEntryLifetime) {
		Assert.isTrue(cacheEntryLifetime != null && !cacheEntryLifetime.isNegative() && !cacheEntryLifetime.isZero(),
				"'cacheEntryLifetime' must be positive");
		this.cacheEntryLifetime = cacheEntryLifetime;
	}

	/**
	 * Return the longest time a session is served from the cache before it is read from
	 * the database again.
	 * @return the lifetime
	 */
	public Duration getCacheEntryLifetime() {
		return this.cacheEntryLifetime;
	}

	@Override
	public @Nullable Map<String, @Nullable Object> load(String key) {
		StoredSession stored = loadStored(key);
		return (stored != null) ? stored.data() : null;
	}

	/**
	 * Load a live session with its version: the signed data, which the cache and the
	 * database hold alike.
	 */
	@Override
	public @Nullable StoredSession loadStored(String key) {
		String cached = this.cache.get(key);
		String copy = (cached != null && !cached.startsWith(PLACEHOLDER_PREFIX)) ? cached : null;
		if (copy != null) {
			StoredSession stored = this.format.decodeStored(key, copy);
			if (stored != null) {
				return stored;
			}
		}
		String placeholder = (cached != null) ? null
				: this.cache.lease(key, newPlaceholder(), PLACEHOLDER_TIME_TO_LIVE);
		SessionRow row = this.db.loadRow(key);
		if (row == null) {
			if (placeholder != null) {
				// no session will replace it: an unknown key leaves nothing in the cache
				uncache(key);
			}
			return null;
		}
		if (placeholder != null) {
			Duration timeToLive = timeToLive(row);
			if (timeToLive != null) {
				this.cache.swap(key, placeholder, row.data(), timeToLive);
			}
		}
		else if (copy != null) {
			// a cached copy that does not decode: replace it if nothing replaced it since
			recache(key, copy, row);
		}
		return this.format.decodeStored(key, row.data());
	}

	/**
	 * Create a session, or update one without comparing. A new session is one
	 * {@code INSERT}, then cached: its key is new, so nothing can be cached under it. An
	 * updated one has its cached copy removed before and after the {@code UPDATE}, and is
	 * left uncached until it is read.
	 */
	@Override
	public String save(String key, Map<String, @Nullable Object> data, Instant expiresAt, boolean mustCreate) {
		SessionRow row = new SessionRow(this.format.encode(data), expiresAt);
		if (mustCreate) {
			this.db.saveRow(key, row, true);
			Duration timeToLive = timeToLive(row);
			if (timeToLive != null) {
				this.cache.set(key, row.data(), timeToLive);
			}
			return key;
		}
		uncache(key);
		this.db.saveRow(key, row, false);
		// a read racing the update may have cached the row it replaced
		uncache(key);
		return key;
	}

	@Override
	public SaveResult compareAndSave(String key, Map<String, @Nullable Object> data, Instant expiresAt,
			Object expectedVersion) {
		String expected = SessionCodec.token(expectedVersion);
		SessionRow row = new SessionRow(this.format.encode(data), expiresAt);
		SessionRow current = this.db.compareAndSaveRow(key, row, expected);
		if (current != null) {
			return this.format.conflict(key, current.data());
		}
		recache(key, expected, row);
		return new SaveResult.Saved(row.data());
	}

	@Override
	public void delete(String key) {
		uncache(key);
		this.db.delete(key);
		uncache(key);
	}

	@Override
	public OptionalLong clearExpired() {
		// cached copies expire with their rows
		return this.db.clearExpired();
	}

	/**
	 * Replace the cached copy of the data a save replaced with the saved data; remove
	 * whatever else the cache holds.
	 */
	private void recache(String key, String replaced, SessionRow row) {
		Duration timeToLive = timeToLive(row);
		if (timeToLive != null) {
			this.cache.swap(key, replaced, row.data(), timeToLive);
		}
		else {
			uncache(key);
		}
	}

	private @Nullable Duration timeToLive(SessionRow row) {
		Duration timeToLive = Duration.between(this.expiry.now(), row.expireDate());
		if (timeToLive.isNegative() || timeToLive.isZero()) {
			return null;
		}
		Duration lifetime = this.cacheEntryLifetime;
		return (timeToLive.compareTo(lifetime) > 0) ? lifetime : timeToLive;
	}

	private static String newPlaceholder() {
		return PLACEHOLDER_PREFIX + Long.toHexString(ThreadLocalRandom.current().nextLong());
	}

	private void uncache(String key) {
		this.cache.delete(key);
	}

}
