package io.sessionengines.demo;

import java.nio.file.Path;

import io.sessionengines.testsupport.RedisTestCluster;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Demo API tests with the {@code cache} engine on a Redis Cluster of three masters
 * started for this class ({@code spring.data.redis.cluster.nodes}): the same checks as on
 * a single Redis server, with the sessions (and the registry of each user's sessions)
 * spread over the masters. The application context is closed after the class, before the
 * cluster stops.
 *
 * @author Session Engines contributors
 */
@TestPropertySource(properties = { "session.engine=cache", "session.cache-alias=redis" })
@DirtiesContext
class CacheEngineOnRedisClusterDemoIntegrationTests extends AbstractServerSideDemoHttpIntegrationTests
		implements CacheOnRedisChecks {

	private static final String PREFIX = DemoBackends.uniqueKeyPrefix("cache_cluster");

	@TempDir
	static Path clusterDirectory;

	private static @Nullable RedisTestCluster cluster;

	@Autowired
	private StringRedisTemplate redis;

	private RedisKeys keys;

	@BeforeAll
	static void startCluster() {
		cluster = RedisTestCluster.start(clusterDirectory);
	}

	@AfterAll
	static void stopCluster() {
		if (cluster != null) {
			cluster.close();
			cluster = null;
		}
	}

	@DynamicPropertySource
	static void redisProperties(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.cluster.nodes", () -> String.join(",", cluster.nodes()));
		registry.add("session.cache.key-prefix", () -> PREFIX);
	}

	@BeforeEach
	void createKeys() {
		this.keys = new RedisKeys(this.redis, PREFIX);
	}

	@AfterEach
	void deleteKeys() {
		this.keys.deleteAll();
	}

	@Override
	public @Nullable String stored(String key) {
		return this.keys.value(key);
	}

	@Override
	public RedisKeys redisKeys() {
		return this.keys;
	}

}
