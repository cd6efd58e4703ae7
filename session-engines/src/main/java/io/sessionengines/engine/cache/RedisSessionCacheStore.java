package io.sessionengines.engine.cache;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.sessionengines.engine.SessionStoreUnavailableException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.util.Assert;

/**
 * A {@link SessionCacheStore} on Redis, through spring-data-redis: one string key per
 * session with the session's time to live.
 * <p>
 * Every operation is one command on one key ({@code GET}, {@code SET NX PX},
 * {@code SET XX PX}, {@code SET PX}, {@code DEL}, and for a compare-and-set a short
 * script on the one key, sent by its digest once Redis knows it): no keyspace
 * notifications, no {@code CONFIG}, no multi-key commands, so it works on managed Redis
 * and on Redis Cluster.
 * <p>
 * Every operation waits at most the store's own timeout, whatever the client's command
 * timeout is: a Redis that does not answer (paused, overloaded, a network that drops
 * packets) or a client that is disconnected and queues commands until it reconnects is
 * reported as {@link SessionStoreUnavailableException} once the timeout has passed, and
 * the command is cancelled, so a command that never reached Redis is not sent when the
 * client reconnects. A command that did reach Redis may still be carried out after the
 * timeout, as with any timeout. A connection failure, or a command the client rejects
 * because it is disconnected (Lettuce's fail-fast setting), is reported at once. The
 * commands go through the reactive API of the same connection factory, so the calling
 * thread sends the command and waits for the reply itself, as Lettuce's blocking API
 * does; only until the first command has succeeded, while the connection may still have
 * to be opened, are commands sent from another thread, so that opening it cannot hold the
 * caller beyond the timeout either.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public final class RedisSessionCacheStore implements SessionCacheStore {

	/**
	 * The default start of every key.
	 */
	public static final String DEFAULT_KEY_PREFIX = "session:";

	/**
	 * The default longest time an operation waits for Redis.
	 */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

	/**
	 * Set the key to {@code ARGV[2]} for {@code ARGV[3]} milliseconds if it holds
	 * {@code ARGV[1]}. The reply is an empty string when it did (stored values are never
	 * empty); otherwise the value the key holds, or no value when it is absent.
	 */
	private static final RedisScript<String> COMPARE_AND_SET = RedisScript.of("""
			local current = redis.call('GET', KEYS[1])
			if current == ARGV[1] then
			  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
			  return ''
			end
			return current
			""", String.class);

	private final ReactiveStringRedisTemplate redis;

	private final String keyPrefix;

	private final Duration timeout;

	private volatile boolean connected;

	/**
	 * Create a store whose operations wait at most {@link #DEFAULT_TIMEOUT}.
	 * @param redis the reactive Redis template, on a Lettuce connection factory
	 * @param keyPrefix the start of every key, which keeps sessions apart from other data
	 */
	public RedisSessionCacheStore(ReactiveStringRedisTemplate redis, String keyPrefix) {
		this(redis, keyPrefix, DEFAULT_TIMEOUT);
	}

	/**
	 * Create a store.
	 * @param redis the reactive Redis template, on a Lettuce connection factory
	 * @param keyPrefix the start of every key, which keeps sessions apart from other data
	 * @param timeout the longest an operation waits for Redis, positive
	 */
	public RedisSessionCacheStore(ReactiveStringRedisTemplate redis, String keyPrefix, Duration timeout) {
		Assert.notNull(redis, "'redis' must not be null");
		Assert.notNull(keyPrefix, "'keyPrefix' must not be null");
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		this.redis = redis;
		this.keyPrefix = keyPrefix;
		this.timeout = timeout;
	}

	/**
	 * Return the longest an operation waits for Redis.
	 * @return the timeout
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

	@Override
	public @Nullable String get(String key) {
		return await(this.redis.opsForValue().get(this.keyPrefix + key));
	}

	@Override
	public boolean add(String key, String value, Duration timeToLive) {
		return Boolean.TRUE
			.equals(await(this.redis.opsForValue().setIfAbsent(this.keyPrefix + key, value, timeToLive)));
	}

	@Override
	public boolean replace(String key, String value, Duration timeToLive) {
		return Boolean.TRUE
			.equals(await(this.redis.opsForValue().setIfPresent(this.keyPrefix + key, value, timeToLive)));
	}

	@Override
	public CacheSwap compareAndSet(String key, String expected, String value, Duration timeToLive) {
		String current = await(this.redis
			.execute(COMPARE_AND_SET, List.of(this.keyPrefix + key),
					List.of(expected, value, Long.toString(Math.max(1, timeToLive.toMillis()))))
			.next());
		if (current == null) {
			return CacheSwap.ABSENT;
		}
		return current.isEmpty() ? CacheSwap.SWAPPED : CacheSwap.conflict(current);
	}

	@Override
	public void set(String key, String value, Duration timeToLive) {
		await(this.redis.opsForValue().set(this.keyPrefix + key, value, timeToLive));
	}

	@Override
	public void delete(String key) {
		await(this.redis.delete(this.keyPrefix + key));
	}

	private <T> @Nullable T await(Mono<T> command) {
		// the template opens the shared connection, blocking, when a command is
		// subscribed to first: do that on another thread until it has worked once
		Mono<T> sent = this.connected ? command : command.subscribeOn(Schedulers.boundedElastic());
		CompletableFuture<T> reply = sent.toFuture();
		try {
			T result = reply.get(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
			this.connected = true;
			return result;
		}
		catch (TimeoutException ex) {
			reply.cancel(true);
			throw new SessionStoreUnavailableException("Redis did not answer within " + this.timeout.toMillis() + " ms",
					ex);
		}
		catch (InterruptedException ex) {
			reply.cancel(true);
			Thread.currentThread().interrupt();
			throw new SessionStoreUnavailableException("Interrupted while waiting for Redis", ex);
		}
		catch (ExecutionException ex) {
			throw translate(ex.getCause());
		}
	}

	private static RuntimeException translate(Throwable failure) {
		// RedisSystemException: how spring-data-redis reports a command that a client set
		// to fail fast rejects while disconnected
		// an IOException: how a connection reset reaches a script's caller untranslated
		if (failure instanceof DataAccessResourceFailureException || failure instanceof TransientDataAccessException
				|| failure instanceof RedisSystemException || failure instanceof IOException) {
			return new SessionStoreUnavailableException("Redis is unavailable: " + failure.getMessage(), failure);
		}
		if (failure instanceof RuntimeException runtime) {
			return runtime;
		}
		return new IllegalStateException("Redis command failed: " + failure, failure);
	}

}
