package io.sessionengines.demo.reactive;

import java.nio.file.Path;

import io.sessionengines.demo.CacheOnRedisChecks;
import io.sessionengines.demo.DemoBackends;
import io.sessionengines.demo.RedisKeys;
import io.sessionengines.testsupport.RedisTestCluster;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Reactive demo tests with the {@code cache} engine on a Redis Cluster of three masters
 * started for this class ({@code spring.data.redis.cluster.nodes}): the same checks as on
 * a single Redis server, with the sessions (and the registry of each user's sessions)
 * spread over the masters. The application context is closed after the class, before the
 * cluster stops.
 *
 * @author Session Engines contributors
 */
@TestPropertySource(properties = { "session.engine=cache", "session.cache-alias=redis" })
@DirtiesContext
class CacheEngineOnRedisClusterReactiveDemoIntegrationTests extends AbstractServerSideReactiveDemoIntegrationTests
		implements CacheOnRedisChecks {

	private static final String PREFIX = DemoBackends.uniqueKeyPrefix("reactive_cache_cluster");

	@TempDir
	static Path clusterDirectory;

	private static @Nullable RedisTestCluster cluster;

	@Autowired
	private StringRedisTemplate redis;

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

	@AfterEach
	void deleteKeys() {
		redisKeys().deleteAll();
	}

	@Override
	public @Nullable String stored(String key) {
		return redisKeys().value(key);
	}

	@Override
	public RedisKeys redisKeys() {
		return new RedisKeys(this.redis, PREFIX);
	}

}
