package io.sessionengines.demo.reactive;

import io.sessionengines.demo.CacheOnRedisChecks;
import io.sessionengines.demo.DemoBackends;
import io.sessionengines.demo.RedisKeys;
import io.sessionengines.testsupport.TestBackends.RedisEndpoint;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Reactive demo tests with the {@code cache} engine on Redis, under a key prefix of this
 * run's own whose keys each test deletes. The registry of each user's sessions stays in
 * memory, so that the shared server holds nothing else of the run.
 *
 * @author Session Engines contributors
 */
@TestPropertySource(
		properties = { "session.engine=cache", "session.cache-alias=redis", "session.registry.store=memory" })
class CacheEngineOnRedisReactiveDemoIntegrationTests extends AbstractServerSideReactiveDemoIntegrationTests
		implements CacheOnRedisChecks {

	private static final String PREFIX = DemoBackends.uniqueKeyPrefix("reactive_cache");

	private static RedisEndpoint redisServer;

	@Autowired
	private StringRedisTemplate redis;

	@BeforeAll
	static void requireRedis() {
		redisServer = DemoBackends.redis();
	}

	@DynamicPropertySource
	static void redisProperties(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.host", () -> redisServer.host());
		registry.add("spring.data.redis.port", () -> redisServer.port());
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
