package io.sessionengines.engine.cache;

import java.time.Duration;
import java.util.function.Supplier;

import io.sessionengines.engine.SessionStoreUnavailableException;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.Assert;

/**
 * A {@link SessionCacheStore} on Redis, through spring-data-redis: one string key per
 * session with the session's time to live.
 * <p>
 * Every operation is one command on one key ({@code GET}, {@code SET NX PX},
 * {@code SET XX PX}, {@code SET PX}, {@code DEL}): no keyspace notifications, no
 * {@code CONFIG}, no multi-key commands, so it works on managed Redis and on Redis
 * Cluster. A connection failure, a time-out, or a command the client rejects because it
 * is disconnected (Lettuce's fail-fast setting) is reported as
 * {@link SessionStoreUnavailableException}.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public final class RedisSessionCacheStore implements SessionCacheStore {

	/**
	 * The default start of every key.
	 */
	public static final String DEFAULT_KEY_PREFIX = "session:";

	private final StringRedisTemplate redis;

	private final String keyPrefix;

	/**
	 * Create a store.
	 * @param redis the Redis template
	 * @param keyPrefix the start of every key, which keeps sessions apart from other data
	 */
	public RedisSessionCacheStore(StringRedisTemplate redis, String keyPrefix) {
		Assert.notNull(redis, "'redis' must not be null");
		Assert.notNull(keyPrefix, "'keyPrefix' must not be null");
		this.redis = redis;
		this.keyPrefix = keyPrefix;
	}

	@Override
	public @Nullable String get(String key) {
		return execute(() -> this.redis.opsForValue().get(this.keyPrefix + key));
	}

	@Override
	public boolean add(String key, String value, Duration timeToLive) {
		return Boolean.TRUE
			.equals(execute(() -> this.redis.opsForValue().setIfAbsent(this.keyPrefix + key, value, timeToLive)));
	}

	@Override
	public boolean replace(String key, String value, Duration timeToLive) {
		return Boolean.TRUE
			.equals(execute(() -> this.redis.opsForValue().setIfPresent(this.keyPrefix + key, value, timeToLive)));
	}

	@Override
	public void set(String key, String value, Duration timeToLive) {
		execute(() -> {
			this.redis.opsForValue().set(this.keyPrefix + key, value, timeToLive);
			return null;
		});
	}

	@Override
	public void delete(String key) {
		execute(() -> this.redis.delete(this.keyPrefix + key));
	}

	private <T> @Nullable T execute(Supplier<@Nullable T> command) {
		try {
			return command.get();
		}
		catch (DataAccessResourceFailureException | TransientDataAccessException | RedisSystemException ex) {
			// RedisSystemException: how spring-data-redis reports a command that a client
			// set to fail fast rejects while disconnected
			throw new SessionStoreUnavailableException("Redis is unavailable: " + ex.getMessage(), ex);
		}
	}

}
