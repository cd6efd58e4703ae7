package io.sessionengines.demo;

import io.sessionengines.testsupport.TestBackends.RedisEndpoint;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Demo API tests with the {@code cached_db} engine on PostgreSQL and Redis, in a table
 * and under a key prefix of this run's own.
 *
 * @author Session Engines contributors
 */
@TestPropertySource(
		properties = { "session.engine=cached_db", "session.cache-alias=redis", "session.db.initialize-schema=always" })
class CachedDbEngineOnRedisAndPostgresDemoIntegrationTests extends AbstractServerSideDemoHttpIntegrationTests
		implements DatabaseChecks, CachedDbChecks {

	private static final String TABLE = DemoBackends.uniqueTable("cached_db");

	private static final String PREFIX = DemoBackends.uniqueKeyPrefix("cached_db");

	@Autowired
	private StringRedisTemplate redis;

	private RedisKeys keys;

	private static String url;

	private static RedisEndpoint redisServer;

	@BeforeAll
	static void requireBackends() {
		url = DemoBackends.postgresUrl();
		redisServer = DemoBackends.redis();
	}

	@DynamicPropertySource
	static void backendProperties(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> url);
		registry.add("session.db.table", () -> TABLE);
		registry.add("spring.data.redis.host", () -> redisServer.host());
		registry.add("spring.data.redis.port", () -> redisServer.port());
		registry.add("session.cache.key-prefix", () -> PREFIX);
	}

	@AfterAll
	static void dropTables() {
		if (url != null) {
			DemoBackends.dropPostgresTable(TABLE);
			DemoBackends.dropPostgresRegistryTables();
		}
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
		return rowAgreeingWithTheCache(key);
	}

	@Override
	public @Nullable String cached(String key) {
		return this.keys.value(key);
	}

	@Override
	public void evict(String key) {
		this.keys.delete(key);
	}

	@Test
	void cachedCopyExpiresWithTheRowOrAfterTheEntryLifetime() {
		String shortLived = ops("[{'op':'set','key':'a','value':1},{'op':'expiry','value':30}]", null)
			.newSessionCookie();
		assertThat(this.keys.timeToLiveMillis(shortLived)).isBetween(25_000L, 30_000L);
		// session.cache.cached-db-entry-lifetime: 1 minute
		String longLived = ops("[{'op':'set','key':'a','value':1},{'op':'expiry','value':300}]", null)
			.newSessionCookie();
		assertThat(this.keys.timeToLiveMillis(longLived)).isBetween(55_000L, 60_000L);
	}

	@Test
	void expiredSessionIsNotCached() {
		String cookie = ops("[{'op':'set','key':'a','value':1},{'op':'expiry','value':-10}]", null).newSessionCookie();
		assertThat(sessionTable().row(cookie)).isNotNull();
		assertThat(cached(cookie)).isNull();
	}

}
