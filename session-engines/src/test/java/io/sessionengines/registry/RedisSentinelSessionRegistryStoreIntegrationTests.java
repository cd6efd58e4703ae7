package io.sessionengines.registry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.sessionengines.testsupport.RedisServerProcess;
import io.sessionengines.testsupport.RedisTestSupport;
import io.sessionengines.testsupport.StartedOnce;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Tests for {@link RedisSessionRegistryStore} against a real Redis master found through a
 * Redis Sentinel, both started for this class, connected through two
 * {@link LettuceConnectionFactory connection factories} with a
 * {@link RedisSentinelConfiguration}.
 *
 * @author Session Engines contributors
 */
class RedisSentinelSessionRegistryStoreIntegrationTests extends AbstractRedisSessionRegistryStoreTests {

	private static final String MASTER_NAME = "registry";

	@TempDir
	static Path directory;

	private static RedisServerProcess master;

	private static RedisServerProcess sentinel;

	private static final StartedOnce<List<LettuceConnectionFactory>> startedFactories = new StartedOnce<>(() -> {
		master = RedisServerProcess.start(directory);
		sentinel = RedisServerProcess.startSentinel(directory, master, MASTER_NAME);
		return List.of(RedisTestSupport.sentinel(MASTER_NAME, Set.of(sentinel.address()), Duration.ofSeconds(10), null),
				RedisTestSupport.sentinel(MASTER_NAME, Set.of(sentinel.address()), Duration.ofSeconds(10), null));
	});

	@AfterAll
	static void stopServers() {
		try {
			if (startedFactories.isStarted()) {
				startedFactories.get().forEach(LettuceConnectionFactory::destroy);
			}
		}
		finally {
			if (sentinel != null) {
				sentinel.close();
			}
			if (master != null) {
				master.close();
			}
		}
	}

	@Override
	protected RedisConnectionFactory connectionFactory() {
		return startedFactories.get().get(0);
	}

	@Override
	protected RedisConnectionFactory secondConnectionFactory() {
		return startedFactories.get().get(1);
	}

}
