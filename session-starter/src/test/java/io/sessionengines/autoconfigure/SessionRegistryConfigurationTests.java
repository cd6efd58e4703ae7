package io.sessionengines.autoconfigure;

import javax.sql.DataSource;

import io.sessionengines.django.DjangoPrincipalResolver;
import io.sessionengines.registry.InMemorySessionRegistryStore;
import io.sessionengines.registry.JdbcSessionRegistryStore;
import io.sessionengines.registry.RedisSessionRegistryStore;
import io.sessionengines.registry.RegisteredSession;
import io.sessionengines.registry.SessionRegistryStore;
import io.sessionengines.registry.SessionTracker;
import io.sessionengines.registry.UserSessions;
import io.sessionengines.security.AtomicConcurrentSessionControlStrategy;
import io.sessionengines.security.EngineSessionRegistry;
import io.sessionengines.session.Session;
import io.sessionengines.session.SessionFactory;
import io.sessionengines.web.SessionMiddleware;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.web.authentication.session.ConcurrentSessionControlAuthenticationStrategy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the registry of each user's sessions in
 * {@link SessionEngineAutoConfiguration}.
 *
 * @author Session Engines contributors
 */
class SessionRegistryConfigurationTests {

	private static final String SECRET_KEY = "k3y-0f-f0rty-tw0-ch4racters-f0r-th3-t3sts";

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(SessionEngineAutoConfiguration.class, DataSourceAutoConfiguration.class))
		.withPropertyValues("spring.datasource.generate-unique-name=true", "session.secret-key=" + SECRET_KEY);

	@Test
	void theDbEngineKeepsTheRegistryInItsDatabase() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(UserSessions.class)
				.hasSingleBean(SessionTracker.class)
				.hasSingleBean(EngineSessionRegistry.class);
			assertThat(context.getBean(SessionRegistryStore.class)).isInstanceOf(JdbcSessionRegistryStore.class);
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM session_registry", Integer.class)).isZero();
		});
	}

	@Test
	void signedCookiesKeepTheRegistryInMemoryByDefault() {
		this.contextRunner.withPropertyValues("session.engine=signed_cookies")
			.run((context) -> assertThat(context.getBean(SessionRegistryStore.class))
				.isInstanceOf(InMemorySessionRegistryStore.class));
	}

	@Test
	void theRegistryStoreCanBeChosen() {
		this.contextRunner.withPropertyValues("session.engine=signed_cookies", "session.registry.store=jdbc")
			.run((context) -> assertThat(context.getBean(SessionRegistryStore.class))
				.isInstanceOf(JdbcSessionRegistryStore.class));
	}

	@Test
	void theCacheEngineOnRedisKeepsTheRegistryInRedis() {
		this.contextRunner.withPropertyValues("session.engine=cache", "session.cache-alias=redis")
			.withBean(LettuceConnectionFactory.class)
			.run((context) -> assertThat(context.getBean(SessionRegistryStore.class))
				.isInstanceOf(RedisSessionRegistryStore.class));
	}

	@Test
	void aJdbcRegistryWithoutADataSourceFailsWithAClearMessage() {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(SessionEngineAutoConfiguration.class))
			.withPropertyValues("session.secret-key=" + SECRET_KEY, "session.engine=signed_cookies",
					"session.registry.store=jdbc")
			.run((context) -> {
				assertThat(context).hasFailed();
				Throwable failure = context.getStartupFailure();
				while (!(failure instanceof SessionConfigurationException) && failure.getCause() != null) {
					failure = failure.getCause();
				}
				assertThat(failure).isInstanceOf(SessionConfigurationException.class)
					.hasMessageContaining("session.registry.store=jdbc needs a single (or @Primary) DataSource");
			});
	}

	@Test
	void theRegistryCanBeTurnedOff() {
		this.contextRunner.withPropertyValues("session.registry.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(UserSessions.class)
				.doesNotHaveBean(SessionRegistryStore.class)
				.doesNotHaveBean(EngineSessionRegistry.class);
			assertThat(context.getBean(SessionMiddleware.class).getRegistrar()).isNull();
		});
	}

	@Test
	void withoutSpringSecurityThereIsARegistryButNoRegistrar() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.security")).run((context) -> {
			assertThat(context).hasSingleBean(UserSessions.class).doesNotHaveBean(EngineSessionRegistry.class);
			assertThat(context.getBean(SessionMiddleware.class).getRegistrar()).isNull();
		});
	}

	@Test
	void withSpringSecurityLoginsAreRegisteredFromTheSecurityContext() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(SessionMiddleware.class).getRegistrar()).isNotNull();
			assertThat(context).hasSingleBean(DjangoPrincipalResolver.class);
		});
	}

	@Test
	void theFactoryTellsTheRegistryOfLogouts() {
		this.contextRunner.withPropertyValues("session.engine=signed_cookies").run((context) -> {
			SessionFactory sessions = context.getBean(SessionFactory.class);
			UserSessions userSessions = context.getBean(UserSessions.class);
			Session session = sessions.open(null);
			session.set("cart", "1 book");
			userSessions.register(session, "alice", null, null);
			session.save();
			String cookie = session.getSessionKey();
			assertThat(userSessions.list("alice")).extracting(RegisteredSession::id)
				.containsExactly(UserSessions.idOf(session));
			sessions.open(cookie).flush();
			assertThat(userSessions.list("alice")).isEmpty();
			Session replayed = sessions.open(cookie);
			replayed.ensureLoaded();
			assertThat(replayed.getSessionKey()).isNull();
		});
	}

	@Test
	void concurrentSessionControlIsMadeAtomic() {
		this.contextRunner.withUserConfiguration(ConcurrentSessionControlConfiguration.class).run((context) -> {
			assertThat(context.getBean(ConcurrentSessionControlAuthenticationStrategy.class))
				.isInstanceOf(AtomicConcurrentSessionControlStrategy.class);
			assertThat(context.getBean(SessionRegistry.class)).isInstanceOf(EngineSessionRegistry.class);
		});
	}

	@Test
	void anApplicationsOwnSessionRegistryIsLeftAlone() {
		this.contextRunner
			.withUserConfiguration(OwnSessionRegistryConfiguration.class, ConcurrentSessionControlConfiguration.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(EngineSessionRegistry.class);
				assertThat(context.getBean(ConcurrentSessionControlAuthenticationStrategy.class))
					.isNotInstanceOf(AtomicConcurrentSessionControlStrategy.class);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class ConcurrentSessionControlConfiguration {

		@Bean
		ConcurrentSessionControlAuthenticationStrategy concurrentSessionControl(SessionRegistry registry) {
			ConcurrentSessionControlAuthenticationStrategy strategy = new ConcurrentSessionControlAuthenticationStrategy(
					registry);
			strategy.setMaximumSessions(1);
			return strategy;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnSessionRegistryConfiguration {

		@Bean
		SessionRegistry sessionRegistry() {
			return new SessionRegistryImpl();
		}

	}

}
