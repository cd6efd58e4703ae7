package io.sessionengines.autoconfigure;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.sessionengines.actuate.MeteredSessionEngine;
import io.sessionengines.actuate.SessionStoreEndpoint;
import io.sessionengines.actuate.SessionStoreHealthIndicator;
import io.sessionengines.actuate.UserSessionsEndpoint;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.registry.UserSessions;
import io.sessionengines.session.SessionFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for observing the session engines:
 * Micrometer metrics of every engine operation, of cookie sizes and of save conflicts
 * between concurrent requests, a health indicator for the engine's store
 * ({@code sessionStore}), the {@code sessionstore} actuator endpoint, and the
 * {@code sessions} endpoint on the registry of each user's sessions.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = SessionEngineAutoConfiguration.class)
@ConditionalOnBean(SessionEngine.class)
public final class SessionEngineActuatorAutoConfiguration {

	/**
	 * The name of the counter of saves that met a concurrent request's save.
	 */
	public static final String SAVE_CONFLICTS = "session.save.conflicts";

	/**
	 * The name of the counter of saves that gave up (answered with a {@code 409}).
	 */
	public static final String SAVES_ABANDONED = "session.save.abandoned";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		SessionEngineDecorator meteredSessionEngineDecorator(ObjectProvider<MeterRegistry> registry,
				SessionEngineProperties properties) {
			return (engine) -> {
				MeterRegistry meterRegistry = registry.getIfAvailable();
				return (meterRegistry != null) ? new MeteredSessionEngine(engine, meterRegistry,
						properties.getEngine().getDjangoName(), properties.getCookie().getName()) : engine;
			};
		}

		@Bean
		MeterBinder sessionSaveConflictMetrics(ObjectProvider<SessionFactory> factory,
				SessionEngineProperties properties) {
			String engine = properties.getEngine().getDjangoName();
			return (registry) -> factory.ifAvailable((sessions) -> {
				FunctionCounter.builder(SAVE_CONFLICTS, sessions, SessionFactory::getSaveConflicts)
					.description("Saves that found their session changed by a concurrent request, and tried again")
					.tag("engine", engine)
					.register(registry);
				FunctionCounter.builder(SAVES_ABANDONED, sessions, SessionFactory::getFailedSaves)
					.description("Saves that gave up because concurrent requests kept changing their session")
					.tag("engine", engine)
					.register(registry);
			});
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	@ConditionalOnEnabledHealthIndicator("sessionStore")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "sessionStoreHealthIndicator")
		SessionStoreHealthIndicator sessionStoreHealthIndicator(SessionEngine engine,
				SessionEngineProperties properties) {
			return new SessionStoreHealthIndicator(engine, properties.getEngine().getDjangoName());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Endpoint.class)
	@ConditionalOnAvailableEndpoint(SessionStoreEndpoint.class)
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SessionStoreEndpoint sessionStoreEndpoint(SessionEngine engine) {
			return new SessionStoreEndpoint(engine);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Endpoint.class)
	@ConditionalOnBean(UserSessions.class)
	@ConditionalOnAvailableEndpoint(UserSessionsEndpoint.class)
	static class UserSessionsEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		UserSessionsEndpoint userSessionsEndpoint(UserSessions userSessions) {
			return new UserSessionsEndpoint(userSessions);
		}

	}

}
