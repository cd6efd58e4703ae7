package io.sessionengines.demo.django;

import java.util.UUID;

import io.sessionengines.testsupport.TestBackends;
import io.sessionengines.testsupport.TestBackends.RedisEndpoint;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Sessions shared with Django on the {@code cache} engine in Django's form
 * ({@code session.django.cache.enabled}): both applications keep them in one Redis, under
 * Django's cache keys, as the JSON that django-redis's JSON serializer reads and writes.
 * <p>
 * Before Django 4.1, Django's cache engine cannot load a session whose expiry is a date.
 *
 * @author Session Engines contributors
 */
public abstract class CacheEngineDjangoInterop extends DjangoInteropSuite {

	/**
	 * The Django cache's {@code KEY_PREFIX}, of this class alone.
	 */
	private static final String DJANGO_PREFIX = "interop-" + UUID.randomUUID();

	/**
	 * Where the registry of each user's sessions keeps its keys here, of this class
	 * alone.
	 */
	private static final String OUR_PREFIX = "interop-" + UUID.randomUUID() + ":";

	private static @Nullable RedisEndpoint redis;

	@Override
	String engine() {
		return "cache";
	}

	@Override
	void configure(Settings settings) {
		RedisEndpoint endpoint = TestBackends.redis();
		redis = endpoint;
		settings.django("REDIS_URL", endpoint.url() + "/0")
			.django("CACHE_KEY_PREFIX", DJANGO_PREFIX)
			.ours("session.cache-alias", "redis")
			.ours("spring.data.redis.host", endpoint.host())
			.ours("spring.data.redis.port", String.valueOf(endpoint.port()))
			.ours("session.cache.key-prefix", OUR_PREFIX)
			.ours("session.django.cache.enabled", "true")
			.ours("session.django.cache.key-prefix", DJANGO_PREFIX);
	}

	@Override
	public boolean djangoLoadsDateExpiry() {
		return djangoServer().isAtLeast(4, 1);
	}

	@AfterAll
	static void deleteKeys() {
		if (redis == null) {
			return;
		}
		LettuceConnectionFactory connections = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(redis.host(), redis.port()));
		connections.afterPropertiesSet();
		try {
			StringRedisTemplate template = new StringRedisTemplate(connections);
			for (String prefix : new String[] { DJANGO_PREFIX, OUR_PREFIX }) {
				try (Cursor<String> keys = template.scan(ScanOptions.scanOptions().match(prefix + "*").build())) {
					keys.forEachRemaining(template::delete);
				}
			}
		}
		finally {
			connections.destroy();
		}
	}

}
