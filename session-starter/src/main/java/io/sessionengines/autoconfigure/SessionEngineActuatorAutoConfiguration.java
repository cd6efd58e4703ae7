package io.sessionengines.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.sessionengines.actuate.MeteredSessionEngine;
import io.sessionengines.actuate.SessionStoreEndpoint;
import io.sessionengines.actuate.SessionStoreHealthIndicator;
import io.sessionengines.engine.SessionEngine;

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
 * Micrometer metrics of every engine operation and of cookie sizes, a health indicator
 * for the engine's store ({@code sessionStore}), and the {@code sessionstore} actuator
 * endpoint.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = SessionEngineAutoConfiguration.class)
@ConditionalOnBean(SessionEngine.class)
public final class SessionEngineActuatorAutoConfiguration {

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

}
