package io.sessionengines.autoconfigure;

import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sessionengines.actuate.MeteredSessionEngine;
import io.sessionengines.actuate.SessionStoreEndpoint;
import io.sessionengines.actuate.SessionStoreHealthIndicator;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionStoreUnavailableException;
import io.sessionengines.session.Session;
import io.sessionengines.session.SessionFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SessionEngineActuatorAutoConfiguration}: metrics, health and the
 * {@code sessionstore} endpoint.
 *
 * @author Session Engines contributors
 */
class SessionEngineActuatorAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SessionEngineAutoConfiguration.class,
				SessionEngineActuatorAutoConfiguration.class, DataSourceAutoConfiguration.class))
		.withPropertyValues("spring.datasource.generate-unique-name=true",
				"session.secret-key=k3y-0f-f0rty-tw0-ch4racters-f0r-th3-t3sts");

	@Test
	void everyEngineOperationIsTimedWithItsResult() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			SessionFactory factory = context.getBean(SessionFactory.class);
			assertThat(factory.getEngine()).isInstanceOf(MeteredSessionEngine.class);
			Session session = factory.open(null);
			session.set("a", 1);
			session.save();
			Session again = factory.open(session.getSessionKey());
			again.set("a", 2);
			again.save();
			factory.open("unknownkey0123456789abcdefghijkl").get("a");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(count(registry, "save", "created")).isOne();
			assertThat(count(registry, "save", "updated")).isOne();
			assertThat(count(registry, "load", "hit")).isOne();
			assertThat(count(registry, "load", "miss")).isOne();
			DistributionSummary cookieSize = registry.get(MeteredSessionEngine.COOKIE_SIZE).summary();
			assertThat(cookieSize.count()).isEqualTo(2);
			assertThat(cookieSize.max()).isEqualTo("sessionid".length() + 1 + 32);
		});
	}

	@Test
	void saveConflictsAreCountedAndTimed() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			SessionFactory factory = context.getBean(SessionFactory.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			context.getBean("sessionSaveConflictMetrics", MeterBinder.class).bindTo(registry);
			Session created = factory.open(null);
			created.set("a", 1);
			created.save();
			Session first = factory.open(created.getSessionKey());
			Session second = factory.open(created.getSessionKey());
			first.ensureLoaded();
			second.ensureLoaded();
			first.set("b", 2);
			first.save();
			second.set("c", 3);
			second.save();
			assertThat(registry.get(SessionEngineActuatorAutoConfiguration.SAVE_CONFLICTS)
				.tag("engine", "db")
				.functionCounter()
				.count()).isOne();
			assertThat(registry.get(SessionEngineActuatorAutoConfiguration.SAVES_ABANDONED).functionCounter().count())
				.isZero();
			assertThat(count(registry, "save", "conflict")).isOne();
			assertThat(count(registry, "save", "updated")).isEqualTo(2);
			assertThat(factory.open(created.getSessionKey()).items()).containsKeys("a", "b", "c");
		});
	}

	@Test
	void failedOperationsAreTimedAsErrors() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withUserConfiguration(BrokenEngineConfiguration.class)
			.run((context) -> {
				try {
					context.getBean(SessionFactory.class).open("somekey0123456789").get("a");
				}
				catch (SessionStoreUnavailableException ex) {
					// expected
				}
				assertThat(count(context.getBean(MeterRegistry.class), "load", "error")).isOne();
			});
	}

	@Test
	void withoutAMeterRegistryTheEngineIsNotWrapped() {
		this.contextRunner.run((context) -> assertThat(context.getBean(SessionFactory.class).getEngine())
			.isNotInstanceOf(MeteredSessionEngine.class));
	}

	@Test
	void withoutMicrometerEverythingElseStillWorks() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(SessionStoreHealthIndicator.class));
	}

	@Test
	void healthIsUpWhenTheDatabaseAnswers() {
		this.contextRunner.run((context) -> {
			Health health = context.getBean(SessionStoreHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("engine", "db");
		});
	}

	@Test
	void healthIsDownWhenTheStoreCannotBeReached() {
		this.contextRunner.withUserConfiguration(BrokenEngineConfiguration.class)
			.run((context) -> assertThat(context.getBean(SessionStoreHealthIndicator.class).health(true).getStatus())
				.isEqualTo(Status.DOWN));
	}

	@Test
	void healthIndicatorCanBeDisabled() {
		this.contextRunner.withPropertyValues("management.health.sessionStore.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SessionStoreHealthIndicator.class));
	}

	@Test
	void endpointPurgesLooksUpAndDeletesSessions() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=sessionstore")
			.run((context) -> {
				SessionStoreEndpoint endpoint = context.getBean(SessionStoreEndpoint.class);
				Session session = context.getBean(SessionFactory.class).open(null);
				session.set("user", "alice");
				session.save();
				String key = session.getSessionKey();
				SessionStoreEndpoint.SessionDescriptor found = endpoint.session(key);
				assertThat(found).isNotNull();
				assertThat(found.entries()).containsExactly("user");
				assertThat(found.keyHash()).doesNotContain(key);
				assertThat(endpoint.purge().removed()).isZero();
				endpoint.delete(key);
				assertThat(endpoint.session(key)).isNull();
			});
	}

	@Test
	void endpointIsNotExposedUnlessAsked() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(SessionStoreEndpoint.class));
	}

	@Test
	void endpointSaysWhenTheStoreExpiresSessionsByItself() {
		this.contextRunner
			.withPropertyValues("session.engine=signed_cookies",
					"management.endpoints.web.exposure.include=sessionstore")
			.run((context) -> {
				SessionStoreEndpoint.PurgeResult result = context.getBean(SessionStoreEndpoint.class).purge();
				assertThat(result.expiresByItself()).isTrue();
				assertThat(result.removed()).isNull();
			});
	}

	private static long count(MeterRegistry registry, String operation, String result) {
		Timer timer = registry.find(MeteredSessionEngine.OPERATIONS)
			.tags("engine", "db", "operation", operation, "result", result)
			.timer();
		return (timer != null) ? timer.count() : 0;
	}

	@Configuration(proxyBeanMethods = false)
	static class BrokenEngineConfiguration {

		@Bean
		SessionEngine brokenEngine() {
			return new SessionEngine() {

				@Override
				public @Nullable Map<String, @Nullable Object> load(String key) {
					throw new SessionStoreUnavailableException("down", null);
				}

				@Override
				public String save(String key, Map<String, @Nullable Object> data, Instant expiresAt,
						boolean mustCreate) {
					throw new SessionStoreUnavailableException("down", null);
				}

				@Override
				public void delete(String key) {
					throw new SessionStoreUnavailableException("down", null);
				}

				@Override
				public OptionalLong clearExpired() {
					return OptionalLong.empty();
				}

			};
		}

	}

}
