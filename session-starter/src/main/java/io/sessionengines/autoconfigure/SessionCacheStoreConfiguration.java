package io.sessionengines.autoconfigure;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.sessionengines.engine.cache.CaffeineSessionCacheStore;
import io.sessionengines.engine.cache.RedisSessionCacheStore;
import io.sessionengines.engine.cache.SessionCacheStore;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The session cache stores that {@code session.cache-alias} names: {@code memory}
 * (Caffeine), {@code redis} (spring-data-redis over Spring Boot's
 * {@code spring.data.redis.*} Lettuce connection), or a {@link SessionCacheStore} bean of
 * the application with that name.
 * <p>
 * The Redis store's keys start with {@code session.cache.key-prefix}, or with Django's
 * {@code KEY_PREFIX:VERSION:django.contrib.sessions.cache} when
 * {@code session.django.cache.enabled} is set. It waits at most
 * {@code session.cache.timeout} for each call with the {@code cache} engine, and
 * {@code session.cache.cached-db-timeout} with the {@code cached_db} engine; its
 * connection is opened in the background when the store is created. With the
 * {@code redis} alias, Lettuce's delay between reconnection attempts is also capped at
 * {@link #RECONNECT_DELAY_CAP} (by default it grows to 30 seconds), so that sessions work
 * again about a second after Redis is back. This is a
 * {@link ClientResourcesBuilderCustomizer} that runs before the application's own, so one
 * of the application's that sets a reconnection delay wins; it does nothing when the
 * application defines its own {@link ClientResources}.
 *
 * @author Session Engines contributors
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSessionEngine({ SessionEngineType.CACHE, SessionEngineType.CACHED_DB })
class SessionCacheStoreConfiguration {

	static final String MEMORY = "memory";

	static final String REDIS = "redis";

	private static final String MEMORY_STORE_BEAN = "memorySessionCacheStore";

	private static final String REDIS_STORE_BEAN = "redisSessionCacheStore";

	/**
	 * Longest delay between two attempts of Lettuce to reconnect to Redis.
	 */
	static final Duration RECONNECT_DELAY_CAP = Duration.ofSeconds(1);

	/**
	 * Return the store that {@code session.cache-alias} names.
	 * @param properties the properties
	 * @param beans the bean factory
	 * @return the store
	 * @throws SessionConfigurationException if there is no such store
	 */
	static SessionCacheStore store(SessionEngineProperties properties, BeanFactory beans) {
		String alias = properties.getCacheAlias();
		String beanName = switch (alias) {
			case MEMORY -> MEMORY_STORE_BEAN;
			case REDIS -> REDIS_STORE_BEAN;
			default -> alias;
		};
		try {
			return beans.getBean(beanName, SessionCacheStore.class);
		}
		catch (NoSuchBeanDefinitionException ex) {
			throw noStore(alias, properties.getEngine());
		}
	}

	private static SessionConfigurationException noStore(String alias, SessionEngineType engine) {
		String description = "The '" + engine.getDjangoName() + "' session engine uses the '" + alias
				+ "' session cache, which is not available.";
		return switch (alias) {
			case MEMORY -> new SessionConfigurationException(description,
					"Add com.github.ben-manes.caffeine:caffeine to the application.");
			case REDIS -> new SessionConfigurationException(description,
					"Add spring-boot-starter-data-redis, with its default Lettuce client, to the application "
							+ "and configure spring.data.redis.*.");
			default -> new SessionConfigurationException(description, "Set session.cache-alias to " + MEMORY + " or "
					+ REDIS + ", or register a SessionCacheStore bean named '" + alias + "'.");
		};
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Caffeine.class)
	@ConditionalOnProperty(name = "session.cache-alias", havingValue = MEMORY, matchIfMissing = true)
	static class MemorySessionCacheStoreConfiguration {

		@Bean(MEMORY_STORE_BEAN)
		CaffeineSessionCacheStore memorySessionCacheStore(SessionEngineProperties properties) {
			return new CaffeineSessionCacheStore(properties.getCache().getMaximumSize());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ LettuceConnectionFactory.class, RedisClusterAsyncCommands.class })
	@ConditionalOnBean(LettuceConnectionFactory.class)
	@ConditionalOnProperty(name = "session.cache-alias", havingValue = REDIS)
	static class RedisSessionCacheStoreConfiguration {

		@Bean(REDIS_STORE_BEAN)
		RedisSessionCacheStore redisSessionCacheStore(LettuceConnectionFactory connectionFactory,
				SessionEngineProperties properties) {
			SessionEngineProperties.Cache cache = properties.getCache();
			Duration timeout = (properties.getEngine() == SessionEngineType.CACHED_DB) ? cache.getCachedDbTimeout()
					: cache.getTimeout();
			String keyPrefix = DjangoSessionCache.isEnabled(properties) ? DjangoSessionCache.redisKeyPrefix(properties)
					: cache.getKeyPrefix();
			RedisSessionCacheStore store = new RedisSessionCacheStore(connectionFactory, keyPrefix, timeout);
			// the first request would otherwise wait for the connection (and, on a
			// cluster, the discovery of its topology) within its timeout
			store.connectInBackground();
			return store;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ClientResourcesBuilderCustomizer.class, ClientResources.class })
	@ConditionalOnProperty(name = "session.cache-alias", havingValue = REDIS)
	static class LettuceReconnectDelayConfiguration {

		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		ClientResourcesBuilderCustomizer sessionCacheReconnectDelayCustomizer() {
			return (builder) -> builder
				.reconnectDelay(Delay.exponential(Duration.ZERO, RECONNECT_DELAY_CAP, 2, TimeUnit.MILLISECONDS));
		}

	}

}
