package io.sessionengines.autoconfigure;

import javax.sql.DataSource;

import io.sessionengines.autoconfigure.SessionEngineProperties.RegistryStoreType;
import io.sessionengines.registry.InMemorySessionRegistryStore;
import io.sessionengines.registry.JdbcSessionRegistryStore;
import io.sessionengines.registry.RedisSessionRegistryStore;
import io.sessionengines.registry.SessionRegistryStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.util.ClassUtils;

/**
 * Makes the registry's store that {@code session.registry.store} names; with
 * {@code auto}, the one that lives where the engine's sessions live. The JDBC and Redis
 * stores are made by nested classes, loaded only when chosen, so that an application
 * without spring-jdbc or spring-data-redis never loads them.
 *
 * @author Session Engines contributors
 */
final class SessionRegistryStores {

	private static final Log logger = LogFactory.getLog(SessionRegistryStores.class);

	private SessionRegistryStores() {
	}

	static SessionRegistryStore create(SessionEngineProperties properties, ListableBeanFactory beanFactory) {
		RegistryStoreType type = properties.getRegistry().getStore();
		if (type == RegistryStoreType.AUTO) {
			type = auto(properties, beanFactory);
		}
		return switch (type) {
			case JDBC -> Jdbc.create(dataSource(beanFactory));
			case REDIS -> Redis.create(beanFactory, properties);
			default -> new InMemorySessionRegistryStore(SessionEngineAutoConfiguration.CLOCK);
		};
	}

	private static RegistryStoreType auto(SessionEngineProperties properties, ListableBeanFactory beanFactory) {
		SessionEngineType engine = properties.getEngine();
		if (engine == SessionEngineType.DB || engine == SessionEngineType.CACHED_DB) {
			if (isPresent("org.springframework.jdbc.core.JdbcTemplate")
					&& beanFactory.getBeanNamesForType(DataSource.class).length > 0) {
				return RegistryStoreType.JDBC;
			}
			logger.warn("session.registry.store=auto: the '" + engine.getDjangoName()
					+ "' engine has no DataSource for the registry; keeping it in memory, for one instance only");
			return RegistryStoreType.MEMORY;
		}
		if (engine == SessionEngineType.CACHE && "redis".equals(properties.getCacheAlias())) {
			return RegistryStoreType.REDIS;
		}
		return RegistryStoreType.MEMORY;
	}

	private static DataSource dataSource(ListableBeanFactory beanFactory) {
		try {
			return beanFactory.getBean(DataSource.class);
		}
		catch (NoSuchBeanDefinitionException ex) {
			throw new SessionConfigurationException(
					"session.registry.store=jdbc needs a single (or @Primary) DataSource, and the application has "
							+ ((ex.getNumberOfBeansFound() > 1) ? "several." : "none."),
					"Add spring-boot-starter-jdbc and configure spring.datasource.*, mark the DataSource for "
							+ "sessions @Primary, or choose another session.registry.store.");
		}
	}

	private static boolean isPresent(String className) {
		return ClassUtils.isPresent(className, SessionRegistryStores.class.getClassLoader());
	}

	private static final class Jdbc {

		static SessionRegistryStore create(DataSource dataSource) {
			// SessionRegistryConfiguration's schema initializer creates or checks the
			// tables before
			return new JdbcSessionRegistryStore(dataSource, SessionEngineAutoConfiguration.CLOCK);
		}

	}

	private static final class Redis {

		static SessionRegistryStore create(ListableBeanFactory beanFactory, SessionEngineProperties properties) {
			RedisConnectionFactory connectionFactory;
			try {
				connectionFactory = beanFactory.getBean(RedisConnectionFactory.class);
			}
			catch (NoSuchBeanDefinitionException ex) {
				throw new SessionConfigurationException(
						"The session registry's store is redis, which needs a single RedisConnectionFactory, and the "
								+ "application has " + ((ex.getNumberOfBeansFound() > 1) ? "several." : "none."),
						"Add spring-boot-starter-data-redis and configure spring.data.redis.*, or choose another "
								+ "session.registry.store.");
			}
			return new RedisSessionRegistryStore(connectionFactory, properties.getCache().getKeyPrefix() + "registry:",
					SessionEngineAutoConfiguration.CLOCK);
		}

	}

}
