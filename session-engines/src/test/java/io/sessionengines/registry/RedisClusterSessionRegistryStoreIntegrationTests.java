package io.sessionengines.registry;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.sessionengines.testsupport.RedisServerProcess;
import io.sessionengines.testsupport.RedisTestCluster;
import io.sessionengines.testsupport.RedisTestSupport;
import io.sessionengines.testsupport.StartedOnce;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisSessionRegistryStore} against a real Redis Cluster of three
 * masters started for this class, connected through two {@link LettuceConnectionFactory
 * connection factories} with a {@link RedisClusterConfiguration}: every script of the
 * store must keep to one hash slot.
 *
 * @author Session Engines contributors
 */
class RedisClusterSessionRegistryStoreIntegrationTests extends AbstractRedisSessionRegistryStoreTests {

	@TempDir
	static Path directory;

	private static RedisTestCluster cluster;

	private static final StartedOnce<List<LettuceConnectionFactory>> startedFactories = new StartedOnce<>(() -> {
		cluster = RedisTestCluster.start(directory);
		return List.of(RedisTestSupport.cluster(cluster.nodes(), Duration.ofSeconds(10), null),
				RedisTestSupport.cluster(cluster.nodes(), Duration.ofSeconds(10), null));
	});

	@AfterAll
	static void stopCluster() {
		try {
			if (startedFactories.isStarted()) {
				startedFactories.get().forEach(LettuceConnectionFactory::destroy);
			}
		}
		finally {
			if (cluster != null) {
				cluster.close();
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

	@Test
	void usersAreSpreadOverTheMastersWithEachUsersKeysOnOne() throws IOException {
		Set<Integer> mastersUsed = new HashSet<>();
		List<String> users = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			String user = user();
			users.add(user);
			RegisteredSession session = session(user, Duration.ofHours(1));
			this.store.register(session, SessionRegistryStore.ANY_VERSION, List.of());
			String start = userKeys(user);
			List<String> keys = List.of(start + "version", start + "sessions", start + "expiry",
					start + "s:" + session.id());
			for (int m = 0; m < cluster.servers().size(); m++) {
				RedisServerProcess master = cluster.servers().get(m);
				List<String> found = new ArrayList<>();
				for (String key : keys) {
					found.add(master.command("EXISTS", key));
				}
				// a master that does not own the slot answers with a redirection
				if (found.contains("1")) {
					assertThat(found).as("the keys of one user on one master").containsOnly("1");
					mastersUsed.add(m);
				}
			}
		}
		assertThat(mastersUsed).hasSize(3);
		for (String user : users) {
			assertThat(this.store.removeAll(user, null)).hasSize(1);
		}
	}

}
