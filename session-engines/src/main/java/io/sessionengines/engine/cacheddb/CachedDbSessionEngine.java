package io.sessionengines.engine.cacheddb;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;

import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.cache.SessionCacheStore;
import io.sessionengines.engine.db.JdbcSessionEngine;
import io.sessionengines.engine.db.JdbcSessionEngine.Row;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Django's {@code cached_db} engine: the {@code db} engine, with a cache in front for
 * reads. The database is the source of truth; the cache holds a copy of each row's signed
 * data until the row expires.
 * <p>
 * A read tries the cache, then the database on a miss, and copies a found row into the
 * cache. A save removes the cached copy, writes the database, then caches the new data; a
 * delete removes the cached copy, the row, and the cached copy again (in case a
 * concurrent read copied the row back in between).
 * <p>
 * Better than Django: the cache can fail without failing the request. Every cache error
 * counts as a miss and is logged; a save or delete always reaches the database; and
 * because the cached copy is removed before the database is written, a failed cache write
 * cannot leave old data to be served, as it can in Django.
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
 * done first when the cache is back.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public final class CachedDbSessionEngine implements SessionEngine {

	/**
	 * The default time the cache is skipped after it fails.
	 */
	public static final Duration DEFAULT_CACHE_RETRY_INTERVAL = Duration.ofSeconds(1);

	private final GuardedSessionCache cache;

	private final JdbcSessionEngine db;

	private final SessionCodec codec;

	private final Clock clock;

	/**
	 * Create an engine.
	 * @param cache the cache
	 * @param db the database engine
	 * @param codec the codec the database engine uses
	 * @param clock the clock
	 */
	public CachedDbSessionEngine(SessionCacheStore cache, JdbcSessionEngine db, SessionCodec codec, Clock clock) {
		Assert.notNull(cache, "'cache' must not be null");
		Assert.notNull(db, "'db' must not be null");
		Assert.notNull(codec, "'codec' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		this.cache = new GuardedSessionCache(cache, clock, DEFAULT_CACHE_RETRY_INTERVAL);
		this.db = db;
		this.codec = codec;
		this.clock = clock;
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

	@Override
	public @Nullable Map<String, @Nullable Object> load(String key) {
		String cached = this.cache.get(key);
		if (cached != null) {
			Map<String, @Nullable Object> data = this.codec.decodeData(key, cached);
			if (data != null) {
				return data;
			}
		}
		Row row = this.db.loadRow(key);
		if (row == null) {
			return null;
		}
		cache(key, row);
		return this.codec.decodeData(key, row.data());
	}

	@Override
	public String save(String key, Map<String, @Nullable Object> data, Instant expiresAt, boolean mustCreate) {
		Row row = new Row(this.codec.encode(data), expiresAt);
		uncache(key);
		this.db.saveRow(key, row, mustCreate);
		cache(key, row);
		return key;
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

	private void cache(String key, Row row) {
		Duration timeToLive = Duration.between(this.clock.instant(), row.expireDate());
		if (!timeToLive.isNegative() && !timeToLive.isZero()) {
			this.cache.set(key, row.data(), timeToLive);
		}
	}

	private void uncache(String key) {
		this.cache.delete(key);
	}

}
