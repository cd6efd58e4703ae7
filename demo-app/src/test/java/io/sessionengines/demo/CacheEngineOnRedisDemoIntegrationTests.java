package io.sessionengines.demo;

import io.sessionengines.testsupport.TestBackends.RedisEndpoint;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Demo API tests with the {@code cache} engine on Redis, under a key prefix of this run's
 * own: one Redis key per session, holding the signed data, living as long as the session.
 *
 * @author Session Engines contributors
 */
@TestPropertySource(properties = { "session.engine=cache", "session.cache-alias=redis" })
class CacheEngineOnRedisDemoIntegrationTests extends AbstractServerSideDemoHttpIntegrationTests
		implements CacheOnRedisChecks {

	private static final String PREFIX = DemoBackends.uniqueKeyPrefix("cache");

	@Autowired
	private StringRedisTemplate redis;

	private RedisKeys keys;

	private static RedisEndpoint redisServer;

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
