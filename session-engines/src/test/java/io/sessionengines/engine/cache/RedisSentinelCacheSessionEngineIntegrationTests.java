package io.sessionengines.engine.cache;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import io.sessionengines.testsupport.RedisServerProcess;
import io.sessionengines.testsupport.RedisTestSupport;
import io.sessionengines.testsupport.RedisTestSupport.CommandRecorder;
import io.sessionengines.testsupport.StartedOnce;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CacheSessionEngine} on {@link RedisSessionCacheStore} against a real
 * Redis master found through a Redis Sentinel, both started for this class, connected
 * through {@link LettuceConnectionFactory} with a {@link RedisSentinelConfiguration}, as
 * Spring Boot connects with {@code spring.data.redis.sentinel.*}.
 *
 * @author Session Engines contributors
 */
class RedisSentinelCacheSessionEngineIntegrationTests extends AbstractRedisCacheSessionEngineTests {

	private static final String MASTER_NAME = "sessions";

	private static final CommandRecorder recorder = new CommandRecorder();

	@TempDir
	static Path directory;

	private static RedisServerProcess master;

	private static RedisServerProcess sentinel;

	private static final StartedOnce<LettuceConnectionFactory> startedFactory = new StartedOnce<>(() -> {
		master = RedisServerProcess.start(directory);
		sentinel = RedisServerProcess.startSentinel(directory, master, MASTER_NAME);
		return RedisTestSupport.sentinel(MASTER_NAME, Set.of(sentinel.address()), Duration.ofSeconds(10), recorder);
	});

	@AfterAll
	static void stopServers() {
		try {
			if (startedFactory.isStarted()) {
				startedFactory.get().destroy();
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
	protected LettuceConnectionFactory connectionFactory() {
		return startedFactory.get();
	}

	@Override
	protected CommandRecorder commands() {
		return recorder;
	}

	@Test
	void sessionsLiveOnTheMasterTheSentinelNames() throws IOException {
		String key = create(data("n", 1));
		assertThat(master.command("EXISTS", prefix() + key)).isEqualTo("1");
		assertThat(sentinel.command("EXISTS", prefix() + key)).as("a sentinel holds no data").startsWith("ERR");
		assertThat(engine().load(key)).containsEntry("n", 1);
	}

}
