package io.sessionengines.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import io.lettuce.core.protocol.RedisCommand;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Helpers for tests on Redis through spring-data-redis and Lettuce: connection factories
 * that can record the commands they send, and operations on the keys under a test's own
 * prefix (never on the whole database, which other tests may share).
 *
 * @author Session Engines contributors
 */
public final class RedisTestSupport {

	private RedisTestSupport() {
	}

	/**
	 * Create a started connection factory for a standalone server.
	 * @param host the host
	 * @param port the port
	 * @param commandTimeout how long a command may take
	 * @param listener a listener for every command the factory's client sends, or
	 * {@code null}
	 * @return the factory; call {@link LettuceConnectionFactory#destroy()} when done
	 */
	public static LettuceConnectionFactory standalone(String host, int port, Duration commandTimeout,
			@Nullable CommandListener listener) {
		return started(new RedisStandaloneConfiguration(host, port), commandTimeout, listener);
	}

	/**
	 * Create a started connection factory for a Redis Cluster.
	 * @param nodes some of its nodes, as {@code host:port}
	 * @param commandTimeout how long a command may take
	 * @param listener a listener for every command the factory's client sends, or
	 * {@code null}
	 * @return the factory; call {@link LettuceConnectionFactory#destroy()} when done
	 */
	public static LettuceConnectionFactory cluster(List<String> nodes, Duration commandTimeout,
			@Nullable CommandListener listener) {
		return started(new RedisClusterConfiguration(nodes), commandTimeout, listener);
	}

	/**
	 * Create a started connection factory for a master that Redis Sentinel names.
	 * @param masterName the name of the master
	 * @param sentinels the sentinels, as {@code host:port}
	 * @param commandTimeout how long a command may take
	 * @param listener a listener for every command the factory's client sends, or
	 * {@code null}
	 * @return the factory; call {@link LettuceConnectionFactory#destroy()} when done
	 */
	public static LettuceConnectionFactory sentinel(String masterName, Set<String> sentinels, Duration commandTimeout,
			@Nullable CommandListener listener) {
		return started(new RedisSentinelConfiguration(masterName, sentinels), commandTimeout, listener);
	}

	private static LettuceConnectionFactory started(RedisConfiguration configuration, Duration commandTimeout,
			@Nullable CommandListener listener) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(configuration,
				LettuceClientConfiguration.builder().commandTimeout(commandTimeout).build());
		factory.afterPropertiesSet();
		factory.start();
		if (listener != null) {
			// before the first command, so that every connection reports to it
			factory.getNativeClient().addListener(listener);
		}
		return factory;
	}

	/**
	 * Make the keys under a prefix live as if the given time had passed: each one's time
	 * to live is shortened by that much, and the keys whose time runs out are deleted, as
	 * Redis would have expired them. This lets expiry tests that move a test clock move
	 * Redis's time too.
	 * @param redis the template
	 * @param prefix the start of the keys, without wildcards
	 * @param elapsed how much time passes
	 */
	public static void advanceTime(StringRedisTemplate redis, String prefix, Duration elapsed) {
		for (String key : keys(redis, prefix)) {
			byte[] raw = key.getBytes(StandardCharsets.UTF_8);
			Long left = redis.execute((RedisCallback<Long>) (connection) -> connection.keyCommands().pTtl(raw));
			if (left == null || left == -2) {
				continue;
			}
			if (left == -1) {
				throw new IllegalStateException("Key " + key + " has no time to live");
			}
			long remaining = left - elapsed.toMillis();
			if (remaining > 0) {
				redis
					.execute((RedisCallback<Boolean>) (connection) -> connection.keyCommands().pExpire(raw, remaining));
			}
			else {
				redis.delete(key);
			}
		}
	}

	/**
	 * Return the keys under a prefix (on every master of a cluster).
	 * @param redis the template
	 * @param prefix the start of the keys, without wildcards
	 * @return the keys
	 */
	public static Set<String> keys(StringRedisTemplate redis, String prefix) {
		Set<String> keys = redis.keys(prefix + "*");
		return (keys != null) ? keys : Set.of();
	}

	/**
	 * Delete the keys under a prefix.
	 * @param redis the template
	 * @param prefix the start of the keys, without wildcards
	 */
	public static void deleteKeys(StringRedisTemplate redis, String prefix) {
		for (String key : keys(redis, prefix)) {
			redis.delete(key);
		}
	}

	/**
	 * A {@link CommandListener} that records the commands a client sends, to count round
	 * trips. Thread-safe.
	 */
	public static final class CommandRecorder implements CommandListener {

		private final List<String> commands = new ArrayList<>();

		@Override
		public void commandStarted(CommandStartedEvent event) {
			RedisCommand<?, ?, ?> command = event.getCommand();
			String arguments = (command.getArgs() != null) ? command.getArgs().toCommandString() : "";
			synchronized (this.commands) {
				this.commands.add((command.getType().toString() + " " + arguments).trim());
			}
		}

		/**
		 * Return the commands sent since the last {@link #reset()}, each as its name
		 * followed by its arguments as Lettuce prints them.
		 * @return the commands, in order
		 */
		public List<String> commands() {
			synchronized (this.commands) {
				return List.copyOf(this.commands);
			}
		}

		/**
		 * Return the names of the commands sent since the last {@link #reset()}.
		 * @return the command names, in order
		 */
		public List<String> names() {
			return commands().stream().map((command) -> command.split(" ", 2)[0]).toList();
		}

		/**
		 * Forget the commands recorded so far.
		 */
		public void reset() {
			synchronized (this.commands) {
				this.commands.clear();
			}
		}

	}

}
