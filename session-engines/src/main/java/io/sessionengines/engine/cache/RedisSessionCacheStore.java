package io.sessionengines.engine.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.sessionengines.engine.SessionStoreUnavailableException;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.lettuce.LettuceConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.util.Assert;

/**
 * A {@link SessionCacheStore} on Redis, through spring-data-redis's Lettuce connection
 * factory: one string key per session with the session's time to live.
 * <p>
 * Every operation is one command on one key ({@code GET}, {@code SET NX PX},
 * {@code SET XX PX}, {@code SET PX}, {@code DEL}, and for a compare-and-set a short
 * script on the one key, sent by its digest once Redis knows it): no keyspace
 * notifications, no {@code CONFIG}, no multi-key commands, so it works on managed Redis
 * and on Redis Cluster. The commands go through Lettuce's asynchronous API on the
 * factory's connection, and the calling thread waits for the reply: the cheapest way
 * through the client, with no reactive pipeline per command.
 * <p>
 * Every operation waits at most the store's own timeout, whatever the client's command
 * timeout is: a Redis that does not answer (paused, overloaded, a network that drops
 * packets) or a client that is disconnected and queues commands until it reconnects is
 * reported as {@link SessionStoreUnavailableException} once the timeout has passed, and
 * the command is cancelled, so a command that never reached Redis is not sent when the
 * client reconnects. A command that did reach Redis may still be carried out after the
 * timeout, as with any timeout. A connection failure, or a command the client rejects
 * because it is disconnected (Lettuce's fail-fast setting), is reported at once. Until
 * the factory's connection has been opened once, it is opened on another thread, one
 * attempt at a time, so that opening it cannot hold a caller beyond the timeout either.
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

	/**
	 * Opens the factory's connection off the caller's thread: a new daemon thread per
	 * attempt, and at most one attempt at a time.
	 */
	private static final Executor CONNECTION_OPENER = (task) -> {
		Thread opener = new Thread(task, "session-redis-connect");
		opener.setDaemon(true);
		opener.start();
	};

	private final LettuceConnectionFactory connectionFactory;

	private final String keyPrefix;

	private final Duration timeout;

	private @Nullable CompletableFuture<Void> opening;

	private volatile boolean connected;

	/**
	 * Create a store whose operations wait at most {@link #DEFAULT_TIMEOUT}.
	 * @param connectionFactory the Lettuce connection factory
	 * @param keyPrefix the start of every key, which keeps sessions apart from other data
	 */
	public RedisSessionCacheStore(LettuceConnectionFactory connectionFactory, String keyPrefix) {
		this(connectionFactory, keyPrefix, DEFAULT_TIMEOUT);
	}

	/**
	 * Create a store.
	 * @param connectionFactory the Lettuce connection factory
	 * @param keyPrefix the start of every key, which keeps sessions apart from other data
	 * @param timeout the longest an operation waits for Redis, positive
	 */
	public RedisSessionCacheStore(LettuceConnectionFactory connectionFactory, String keyPrefix, Duration timeout) {
		Assert.notNull(connectionFactory, "'connectionFactory' must not be null");
		Assert.notNull(keyPrefix, "'keyPrefix' must not be null");
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		this.connectionFactory = connectionFactory;
		this.keyPrefix = keyPrefix;
		this.timeout = timeout;
	}

	/**
	 * Start opening the factory's connection on another thread, without waiting for it,
	 * so that the first operation does not have to: on Redis Cluster, opening it also
	 * discovers the cluster's topology from every seed node, which can take longer than
	 * an operation's timeout on a busy machine. A failed attempt is made again by the
	 * next operation.
	 */
	public void connectInBackground() {
		if (!this.connected) {
			opening();
		}
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
		return string(execute((redis, deadline) -> reply(redis.get(key(key)), deadline)));
	}

	@Override
	public boolean add(String key, String value, Duration timeToLive) {
		return setWith(key, value, SetArgs.Builder.nx().px(millis(timeToLive)));
	}

	@Override
	public boolean replace(String key, String value, Duration timeToLive) {
		return setWith(key, value, SetArgs.Builder.xx().px(millis(timeToLive)));
	}

	@Override
	public CacheSwap compareAndSet(String key, String expected, String value, Duration timeToLive) {
		byte[][] keys = { key(key) };
		byte[][] arguments = { bytes(expected), bytes(value), bytes(Long.toString(millis(timeToLive))) };
		String current = string(execute((redis, deadline) -> {
			try {
				return reply(redis.<byte[]>evalsha(COMPARE_AND_SET.getSha1(), ScriptOutputType.VALUE, keys, arguments),
						deadline);
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof RedisNoScriptException)) {
					throw ex;
				}
				// the first time on this server (or since a SCRIPT FLUSH): send the
				// script
				return reply(redis.<byte[]>eval(COMPARE_AND_SET.getScriptAsString(), ScriptOutputType.VALUE, keys,
						arguments), deadline);
			}
		}));
		if (current == null) {
			return CacheSwap.ABSENT;
		}
		return current.isEmpty() ? CacheSwap.SWAPPED : CacheSwap.conflict(current);
	}

	@Override
	public void set(String key, String value, Duration timeToLive) {
		setWith(key, value, SetArgs.Builder.px(millis(timeToLive)));
	}

	@Override
	public void delete(String key) {
		execute((redis, deadline) -> reply(redis.del(key(key)), deadline));
	}

	private boolean setWith(String key, String value, SetArgs arguments) {
		// SET answers OK when it stored the value, and no value when NX or XX kept it out
		return execute((redis, deadline) -> reply(redis.set(key(key), bytes(value), arguments), deadline)) != null;
	}

	private <T> @Nullable T execute(Exchange<T> exchange) {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		try {
			if (!this.connected) {
				awaitConnection(deadline);
			}
			try (LettuceConnection connection = (LettuceConnection) this.connectionFactory.getConnection()) {
				return exchange.send(connection.getNativeConnection(), deadline);
			}
		}
		catch (TimeoutException ex) {
			throw new SessionStoreUnavailableException("Redis did not answer within " + this.timeout.toMillis() + " ms",
					ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SessionStoreUnavailableException("Interrupted while waiting for Redis", ex);
		}
		catch (ExecutionException ex) {
			throw translate(ex.getCause());
		}
		catch (RuntimeException ex) {
			throw translate(ex);
		}
	}

	private void awaitConnection(long deadline) throws ExecutionException, TimeoutException, InterruptedException {
		// the factory opens its shared connection, blocking, when a connection is first
		// asked for: do that on another thread until it has worked once
		opening().get(remaining(deadline), TimeUnit.NANOSECONDS);
		this.connected = true;
	}

	private synchronized CompletableFuture<Void> opening() {
		CompletableFuture<Void> opening = this.opening;
		if (opening == null || opening.isCompletedExceptionally()) {
			opening = CompletableFuture.runAsync(() -> this.connectionFactory.getConnection().close(),
					CONNECTION_OPENER);
			this.opening = opening;
		}
		return opening;
	}

	private static <T> @Nullable T reply(RedisFuture<T> reply, long deadline)
			throws ExecutionException, TimeoutException, InterruptedException {
		try {
			return reply.get(remaining(deadline), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException | InterruptedException ex) {
			// a command still queued in the client is then never sent
			reply.cancel(true);
			throw ex;
		}
	}

	private static long remaining(long deadline) {
		return Math.max(0, deadline - System.nanoTime());
	}

	private byte[] key(String key) {
		return bytes(this.keyPrefix + key);
	}

	private static long millis(Duration timeToLive) {
		return Math.max(1, timeToLive.toMillis());
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	private static @Nullable String string(byte @Nullable [] value) {
		return (value != null) ? new String(value, StandardCharsets.UTF_8) : null;
	}

	private static RuntimeException translate(@Nullable Throwable failure) {
		// Lettuce's RedisException: a connection failure, a command rejected while
		// disconnected, the client's own command timeout, or an error reply;
		// an IOException: how a connection reset can reach the caller;
		// the others: how spring-data-redis reports a connection it could not open
		if (failure instanceof RedisException || failure instanceof IOException
				|| failure instanceof DataAccessResourceFailureException
				|| failure instanceof TransientDataAccessException || failure instanceof RedisSystemException) {
			return new SessionStoreUnavailableException("Redis is unavailable: " + failure.getMessage(), failure);
		}
		if (failure instanceof RuntimeException runtime) {
			return runtime;
		}
		return new IllegalStateException("Redis command failed: " + failure, failure);
	}

	/**
	 * Commands sent for one operation, each waited for until the operation's deadline.
	 */
	@FunctionalInterface
	private interface Exchange<T> {

		@Nullable T send(RedisClusterAsyncCommands<byte[], byte[]> redis, long deadline)
				throws ExecutionException, TimeoutException, InterruptedException;

	}

}
