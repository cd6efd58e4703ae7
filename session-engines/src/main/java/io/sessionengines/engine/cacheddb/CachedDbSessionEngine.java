package io.sessionengines.engine.cacheddb;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;

import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.cache.SessionCacheStore;
import io.sessionengines.engine.db.JdbcSessionEngine;
import io.sessionengines.engine.db.JdbcSessionEngine.Row;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
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
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public final class CachedDbSessionEngine implements SessionEngine {

	private static final Log logger = LogFactory.getLog(CachedDbSessionEngine.class);

	private final SessionCacheStore cache;

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
		this.cache = cache;
		this.db = db;
		this.codec = codec;
		this.clock = clock;
	}

	@Override
	public @Nullable Map<String, @Nullable Object> load(String key) {
		String cached = tryCache("read", () -> this.cache.get(key));
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
		if (timeToLive.isNegative() || timeToLive.isZero()) {
			return;
		}
		Boolean cached = tryCache("write", () -> {
			this.cache.set(key, row.data(), timeToLive);
			return true;
		});
		if (cached == null) {
			// the new data is in the database; make sure no older copy is served instead
			uncache(key);
		}
	}

	private void uncache(String key) {
		tryCache("delete", () -> {
			this.cache.delete(key);
			return true;
		});
	}

	private <T> @Nullable T tryCache(String operation, Supplier<@Nullable T> action) {
		try {
			return action.get();
		}
		catch (RuntimeException ex) {
			logger.error("Session cache " + operation + " failed; using the database alone: " + ex.getMessage());
			return null;
		}
	}

}
