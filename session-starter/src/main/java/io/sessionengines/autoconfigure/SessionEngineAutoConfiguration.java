package io.sessionengines.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.serializer.JavaSessionSerializer;
import io.sessionengines.serializer.SessionSerializer;
import io.sessionengines.session.SessionFactory;
import io.sessionengines.session.SessionListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the session engines: the engine
 * that {@code session.engine} names, the session factory, and the session middleware: a
 * filter in a servlet web application, the {@code WebSessionManager} in a reactive one.
 * <p>
 * Define a {@link SessionEngine} bean to use another engine; the auto-configured engines
 * then back off.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
@AutoConfiguration(
		afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
				"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration" },
		beforeName = { "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
				"org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration",
				// Django's users (session.django.auth.enabled) come before Boot's
				// generated one
				"org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration" })
@EnableConfigurationProperties(SessionEngineProperties.class)
@Import({ DbSessionEngineConfiguration.class, FileSessionEngineConfiguration.class,
		SessionCacheStoreConfiguration.class, CacheSessionEngineConfiguration.class,
		CachedDbSessionEngineConfiguration.class, SignedCookiesSessionEngineConfiguration.class,
		SessionRegistryConfiguration.class, SessionEventsConfiguration.class, DjangoLoginConfiguration.class,
		SessionMiddlewareConfiguration.class, SessionServletConfiguration.class, SessionReactiveConfiguration.class })
public final class SessionEngineAutoConfiguration {

	static final Clock CLOCK = Clock.systemUTC();

	private static final String SPRING_SECURITY_JACKSON = "org.springframework.security.jackson.SecurityJacksonModules";

	private static final Log logger = LogFactory.getLog(SessionEngineAutoConfiguration.class);

	@Bean
	@ConfigurationPropertiesBinding
	static SessionEngineTypeConverter sessionEngineTypeConverter() {
		return new SessionEngineTypeConverter();
	}

	@Bean
	@ConfigurationPropertiesBinding
	static SessionSerializerTypeConverter sessionSerializerTypeConverter() {
		return new SessionSerializerTypeConverter();
	}

	@Bean
	@ConditionalOnMissingBean
	SessionSerializer sessionSerializer(SessionEngineProperties properties, ResourceLoader resourceLoader) {
		ClassLoader classLoader = resourceLoader.getClassLoader();
		if (properties.getSerializer() == SessionSerializerType.JAVA) {
			logger.warn("session.serializer=java: sessions are stored with JDK serialization, which only this "
					+ "application can read and which is unsafe should the secret key leak; prefer json");
			return new JavaSessionSerializer();
		}
		ClassLoader loader = (classLoader != null) ? classLoader : ClassUtils.getDefaultClassLoader();
		Assert.state(loader != null, "A class loader is available");
		TypedValueClasses typedValues = TypedValueClasses.of(properties.getTypedValues(), loader);
		if (ClassUtils.isPresent(SPRING_SECURITY_JACKSON, loader)) {
			return SpringSecurityTypedValues.serializer(loader, typedValues);
		}
		return typedValues.serializer(List.of(), List.of());
	}

	@Bean
	@ConditionalOnMissingBean
	SessionExpiry sessionExpiry(SessionEngineProperties properties) {
		return new SessionExpiry(properties.getCookie().getAge(), properties.isExpireAtBrowserClose(), CLOCK);
	}

	@Bean
	@ConditionalOnMissingBean
	SessionFactory sessionFactory(ObjectProvider<SessionEngine> engine,
			ObjectProvider<SessionEngineDecorator> decorators, ObjectProvider<SessionListener> listeners,
			SessionExpiry expiry, SessionSerializer serializer, SessionEngineProperties properties) {
		SessionEngine decorated = engine.getIfAvailable(() -> {
			throw noEngine(properties.getEngine());
		});
		for (SessionEngineDecorator decorator : decorators.orderedStream().toList()) {
			decorated = decorator.decorate(decorated);
		}
		SessionFactory factory = new SessionFactory(decorated, expiry, serializer);
		factory.setAbsoluteAge(properties.getAbsoluteAge());
		factory.setIdleTimeout(properties.getIdleTimeout(), properties.getIdleTimeoutResolution());
		factory.setMaxDataSize(SessionSigners.maxDataSize(properties));
		factory.setListeners(listeners.orderedStream().toList());
		return factory;
	}

	@Bean
	@ConditionalOnProperty("session.purge-interval")
	SessionPurgeScheduler sessionPurgeScheduler(SessionFactory factory, SessionEngineProperties properties) {
		Duration interval = properties.getPurgeInterval();
		Assert.state(interval != null, "session.purge-interval is set");
		return new SessionPurgeScheduler(factory.getEngine(), interval);
	}

	private static SessionConfigurationException noEngine(SessionEngineType type) {
		if (type == SessionEngineType.DB || type == SessionEngineType.CACHED_DB) {
			return new SessionConfigurationException(
					"The '" + type.getDjangoName()
							+ "' session engine needs spring-jdbc and a single (or @Primary) DataSource, "
							+ "and the application has none.",
					"Add spring-boot-starter-jdbc and a JDBC driver (H2, PostgreSQL, MySQL or MariaDB) and configure "
							+ "spring.datasource.*; with several DataSources, mark the one for sessions @Primary; "
							+ "or choose another session.engine.");
		}
		return new SessionConfigurationException(
				"No session engine could be configured for session.engine=" + type.getDjangoName() + ".",
				"Define a SessionEngine bean, or check the conditions report (--debug) for why the '"
						+ type.getDjangoName() + "' engine did not match.");
	}

}
