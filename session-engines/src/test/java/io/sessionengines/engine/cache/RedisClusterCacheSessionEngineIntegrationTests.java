package io.sessionengines.engine.cache;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.sessionengines.testsupport.RedisServerProcess;
import io.sessionengines.testsupport.RedisTestCluster;
import io.sessionengines.testsupport.RedisTestSupport;
import io.sessionengines.testsupport.RedisTestSupport.CommandRecorder;
import io.sessionengines.testsupport.StartedOnce;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CacheSessionEngine} on {@link RedisSessionCacheStore} against a real
 * Redis Cluster of three masters started for this class, connected through
 * {@link LettuceConnectionFactory} with a {@link RedisClusterConfiguration}.
 *
 * @author Session Engines contributors
 */
class RedisClusterCacheSessionEngineIntegrationTests extends AbstractRedisCacheSessionEngineTests {

	private static final CommandRecorder recorder = new CommandRecorder();

	@TempDir
	static Path directory;

	private static RedisTestCluster cluster;

	private static final StartedOnce<LettuceConnectionFactory> startedFactory = new StartedOnce<>(() -> {
		cluster = RedisTestCluster.start(directory);
		return RedisTestSupport.cluster(cluster.nodes(), Duration.ofSeconds(10), recorder);
	});

	@AfterAll
	static void stopCluster() {
		try {
			if (startedFactory.isStarted()) {
				startedFactory.get().destroy();
			}
		}
		finally {
			if (cluster != null) {
				cluster.close();
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
	void sessionsAreSpreadOverTheMastersAndAllLoad() throws IOException {
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			keys.add(create(data("n", i)));
		}
		List<Long> perMaster = new ArrayList<>();
		for (RedisServerProcess master : cluster.servers()) {
			perMaster.add(Long.parseLong(master.command("DBSIZE")));
		}
		assertThat(perMaster).hasSize(3).allSatisfy((count) -> assertThat(count).isPositive());
		assertThat(perMaster.stream().mapToLong(Long::longValue).sum()).isEqualTo(60);
		for (int i = 0; i < keys.size(); i++) {
			assertThat(engine().load(keys.get(i))).containsEntry("n", i);
		}
		keys.forEach(engine()::delete);
		for (RedisServerProcess master : cluster.servers()) {
			assertThat(master.command("DBSIZE")).isEqualTo("0");
		}
	}

}
