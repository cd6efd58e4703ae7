package io.sessionengines.autoconfigure;

import io.sessionengines.session.Session;
import io.sessionengines.session.SessionFactory;
import io.sessionengines.testsupport.RedisTestSupport;
import io.sessionengines.testsupport.TestBackends;
import io.sessionengines.testsupport.TestBackends.RedisEndpoint;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@code cache} engine's Django form ({@code session.django.cache.*}),
 * auto-configured on a real Redis server: what a Django cache finds there.
 *
 * @author Session Engines contributors
 */
class DjangoSessionCacheIntegrationTests {

	@Test
	void sessionIsDjangosJsonUnderDjangosCacheKey() {
		RedisEndpoint redis = TestBackends.redis();
		String cacheKeyPrefix = TestBackends.uniqueName("django_starter_it");
		new WebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(SessionEngineAutoConfiguration.class, DataRedisAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.host=" + redis.host(), "spring.data.redis.port=" + redis.port(),
					"session.engine=cache", "session.cache-alias=redis", "session.registry.enabled=false",
					"session.django.cache.enabled=true", "session.django.cache.key-prefix=" + cacheKeyPrefix,
					"session.django.cache.version=2",
					// the first call connects: slower than 2 s on a busy machine
					"session.cache.timeout=10s")
			.run((context) -> {
				StringRedisTemplate template = new StringRedisTemplate(context.getBean(RedisConnectionFactory.class));
				try {
					Session session = context.getBean(SessionFactory.class).open(null);
					session.set("user", "alice");
					session.set("café", 1);
					session.save();
					// Django's default KEY_FUNCTION: KEY_PREFIX:VERSION:key, with the
					// cache engine's key django.contrib.sessions.cache + session key
					String djangoKey = cacheKeyPrefix + ":2:django.contrib.sessions.cache" + session.getSessionKey();
					assertThat(RedisTestSupport.keys(template, cacheKeyPrefix)).containsExactly(djangoKey);
					assertThat(template.opsForValue().get(djangoKey))
						.isEqualTo("{\"user\":\"alice\",\"caf\\u00e9\":1}");
				}
				finally {
					RedisTestSupport.deleteKeys(template, cacheKeyPrefix);
				}
			});
	}

}
