package io.sessionengines.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.db.JdbcSessionEngine;
import io.sessionengines.engine.signedcookies.SignedCookieSessionEngine;
import io.sessionengines.serializer.JsonSessionSerializer;
import io.sessionengines.serializer.SessionSerializer;
import io.sessionengines.session.Session;
import io.sessionengines.session.SessionFactory;
import io.sessionengines.testsupport.CountingSerializer;
import io.sessionengines.web.SameSite;
import io.sessionengines.web.SessionCookie;
import io.sessionengines.web.SessionMiddleware;
import io.sessionengines.web.servlet.RequestSession;
import io.sessionengines.web.servlet.SessionMiddlewareFilter;
import jakarta.servlet.http.Cookie;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SessionEngineAutoConfiguration}.
 *
 * @author Session Engines contributors
 */
class SessionEngineAutoConfigurationTests {

	private static final String SECRET_KEY = "k3y-0f-f0rty-tw0-ch4racters-f0r-th3-t3sts";

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(SessionEngineAutoConfiguration.class, DataSourceAutoConfiguration.class))
		.withPropertyValues("spring.datasource.generate-unique-name=true", "session.secret-key=" + SECRET_KEY);

	private final WebApplicationContextRunner withoutDataSourceContextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SessionEngineAutoConfiguration.class));

	@Test
	void dbIsTheDefaultEngine() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(JdbcSessionEngine.class)
				.hasSingleBean(SessionFactory.class)
				.doesNotHaveBean(SignedCookieSessionEngine.class);
			assertThat(context.getBean(SessionEngineProperties.class).getEngine()).isEqualTo(SessionEngineType.DB);
			assertThat(context.getBean(SessionFactory.class).getEngine())
				.isSameAs(context.getBean(JdbcSessionEngine.class));
		});
	}

	@Test
	void servletWebApplicationRegistersSessionMiddlewareFilterBeforeOtherFilters() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(SessionMiddleware.class)
				.hasSingleBean(FilterRegistrationBean.class)
				.hasBean("sessionArgumentResolverConfigurer");
			assertThat(context.getBean("sessionArgumentResolverConfigurer")).isInstanceOf(WebMvcConfigurer.class);
			FilterRegistrationBean<?> registration = context.getBean("sessionMiddlewareFilterRegistration",
					FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isInstanceOf(SessionMiddlewareFilter.class);
			assertThat(registration.getOrder()).isEqualTo(SessionMiddlewareFilter.DEFAULT_ORDER);
		});
	}

	@Test
	void dbEngineCreatesDjangoSessionTableAndStoresSessionsInIt() {
		this.contextRunner.run((context) -> {
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM django_session", Integer.class)).isZero();
			Session session = context.getBean(SessionFactory.class).open(null);
			session.set("user", "alice");
			session.save();
			assertThat(jdbc.queryForList("SELECT session_key FROM django_session", String.class))
				.containsExactly(session.getSessionKey());
		});
	}

	@Test
	void dbEngineCreatesConfiguredTable() {
		this.contextRunner.withPropertyValues("session.db.table=my_sessions").run((context) -> {
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM my_sessions", Integer.class)).isZero();
			assertThatExceptionOfType(BadSqlGrammarException.class)
				.isThrownBy(() -> jdbc.queryForObject("SELECT COUNT(*) FROM django_session", Integer.class));
		});
	}

	@Test
	void signedCookiesEngineNeedsNoDataSource() {
		this.withoutDataSourceContextRunner
			.withPropertyValues("session.engine=signed_cookies", "session.secret-key=" + SECRET_KEY)
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(SignedCookieSessionEngine.class)
					.hasSingleBean(SessionFactory.class)
					.hasSingleBean(SessionMiddleware.class)
					.doesNotHaveBean(DataSource.class)
					.doesNotHaveBean(JdbcSessionEngine.class);
				assertThat(context.getBean(SessionFactory.class).getEngine())
					.isSameAs(context.getBean(SignedCookieSessionEngine.class));
			});
	}

	@Test
	void signedCookiesEngineIsUsedEvenWhenThereIsADataSource() {
		this.contextRunner.withPropertyValues("session.engine=signed_cookies").run((context) -> {
			assertThat(context).hasSingleBean(DataSource.class)
				.hasSingleBean(SignedCookieSessionEngine.class)
				.doesNotHaveBean(JdbcSessionEngine.class);
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			assertThatExceptionOfType(BadSqlGrammarException.class)
				.isThrownBy(() -> jdbc.queryForObject("SELECT COUNT(*) FROM django_session", Integer.class));
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "django.contrib.sessions.backends.signed_cookies", "SIGNED-COOKIES", "Signed_Cookies",
			"signed-cookies" })
	void engineAcceptsDjangoModuleNameAndVariantsOfShortName(String name) {
		this.withoutDataSourceContextRunner
			.withPropertyValues("session.engine=" + name, "session.secret-key=" + SECRET_KEY)
			.run((context) -> {
				assertThat(context).hasSingleBean(SignedCookieSessionEngine.class);
				assertThat(context.getBean(SessionEngineProperties.class).getEngine())
					.isEqualTo(SessionEngineType.SIGNED_COOKIES);
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "django.contrib.sessions.backends.db", "DB" })
	void dbEngineAcceptsDjangoModuleNameAndVariantsOfShortName(String name) {
		this.contextRunner.withPropertyValues("session.engine=" + name)
			.run((context) -> assertThat(context).hasSingleBean(JdbcSessionEngine.class));
	}

	@ParameterizedTest
	@ValueSource(strings = { "cached_db", "CACHED-DB", "django.contrib.sessions.backends.cached_db" })
	void cachedDbEngineNameIsAccepted(String name) {
		this.contextRunner.withUserConfiguration(UserEngineConfiguration.class)
			.withPropertyValues("session.engine=" + name)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(SessionEngineProperties.class).getEngine())
					.isEqualTo(SessionEngineType.CACHED_DB);
			});
	}

	@Test
	void engineIsReadFromDjangoEnvironmentVariables() {
		this.contextRunner.withInitializer((context) -> {
			MutablePropertySources sources = context.getEnvironment().getPropertySources();
			sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							Map.of("SESSION_ENGINE", "django.contrib.sessions.backends.signed_cookies",
									"SESSION_COOKIE_NAME", "django_sessionid")));
		}).run((context) -> {
			assertThat(context).hasSingleBean(SignedCookieSessionEngine.class).doesNotHaveBean(JdbcSessionEngine.class);
			assertThat(context.getBean(SessionMiddleware.class).getCookie().name()).isEqualTo("django_sessionid");
		});
	}

	@Test
	void userDefinedSessionEngineBacksOffAutoConfiguredEngines() {
		this.contextRunner.withUserConfiguration(UserEngineConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(SessionEngine.class)
				.doesNotHaveBean(JdbcSessionEngine.class)
				.doesNotHaveBean(SignedCookieSessionEngine.class);
			assertThat(context.getBean(SessionFactory.class).getEngine())
				.isSameAs(context.getBean("userSessionEngine"));
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			assertThatExceptionOfType(BadSqlGrammarException.class)
				.isThrownBy(() -> jdbc.queryForObject("SELECT COUNT(*) FROM django_session", Integer.class));
		});
	}

	@Test
	void userDefinedSessionEngineBacksOffSignedCookiesEngine() {
		this.contextRunner.withUserConfiguration(UserEngineConfiguration.class)
			.withPropertyValues("session.engine=signed_cookies")
			.run((context) -> {
				assertThat(context).hasSingleBean(SessionEngine.class).doesNotHaveBean(SignedCookieSessionEngine.class);
				assertThat(context.getBean(SessionFactory.class).getEngine())
					.isSameAs(context.getBean("userSessionEngine"));
			});
	}

	@Test
	void userDefinedSessionEngineNeedsNoSecretKeyNorDataSource() {
		this.withoutDataSourceContextRunner.withUserConfiguration(UserEngineConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(SessionFactory.class);
			Session session = context.getBean(SessionFactory.class).open(null);
			session.set("user", "alice");
			session.save();
			assertThat(context.getBean(InMemorySessionEngine.class).sessions).containsOnlyKeys(session.getSessionKey());
		});
	}

	@Test
	void userDefinedSessionSerializerBacksOffAndIsUsedByEngine() {
		this.contextRunner.withUserConfiguration(UserSerializerConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(SessionSerializer.class).hasSingleBean(JdbcSessionEngine.class);
			assertThat(context.getBean(SessionSerializer.class)).isSameAs(context.getBean("userSerializer"));
			CountingSerializer serializer = context.getBean(CountingSerializer.class);
			Session session = context.getBean(SessionFactory.class).open(null);
			session.set("user", "alice");
			session.save();
			assertThat(serializer.serialized()).isPositive();
		});
	}

	@Test
	void userDefinedSessionExpiryBacksOffAndIsUsedByFactory() {
		this.contextRunner.withUserConfiguration(UserExpiryConfiguration.class)
			.withPropertyValues("session.cookie.age=600")
			.run((context) -> {
				assertThat(context).hasSingleBean(SessionExpiry.class);
				SessionExpiry expiry = context.getBean(SessionExpiry.class);
				assertThat(expiry).isSameAs(context.getBean("userExpiry"));
				assertThat(expiry.getCookieAge()).isEqualTo(Duration.ofMinutes(42));
				assertThat(context.getBean(SessionFactory.class).getExpiry()).isSameAs(expiry);
			});
	}

	@Test
	void userDefinedSessionMiddlewareBacksOffAndIsUsedByFilter() {
		this.contextRunner.withUserConfiguration(UserMiddlewareConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(SessionMiddleware.class);
			assertThat(context.getBean(SessionMiddleware.class)).isSameAs(context.getBean("userMiddleware"));
			MockHttpServletResponse response = new MockHttpServletResponse();
			filter(context).doFilter(new MockHttpServletRequest(), response,
					(request, ignored) -> RequestSession.get(request).set("user", "alice"));
			assertThat(response.getHeader("Set-Cookie")).startsWith("user_middleware_cookie=");
		});
	}

	@Test
	void userDefinedSessionFactoryBacksOff() {
		this.contextRunner.withUserConfiguration(UserFactoryConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(SessionFactory.class);
			assertThat(context.getBean(SessionFactory.class)).isSameAs(context.getBean("userFactory"));
		});
	}

	@Test
	void cookiePropertiesReachSessionMiddleware() {
		this.contextRunner
			.withPropertyValues("session.cookie.name=sid", "session.cookie.domain=example.com",
					"session.cookie.path=/app", "session.cookie.secure=true", "session.cookie.http-only=false",
					"session.cookie.same-site=strict")
			.run((context) -> assertThat(context.getBean(SessionMiddleware.class).getCookie())
				.isEqualTo(new SessionCookie("sid", "example.com", "/app", true, false, SameSite.STRICT)));
	}

	@Test
	void defaultCookieIsDjangos() {
		this.contextRunner.run((context) -> assertThat(context.getBean(SessionMiddleware.class).getCookie())
			.isEqualTo(new SessionCookie("sessionid", null, "/", false, true, SameSite.LAX)));
	}

	@Test
	void cookieAgeAndExpireAtBrowserCloseReachSessionExpiry() {
		this.contextRunner.withPropertyValues("session.cookie.age=600", "session.expire-at-browser-close=true")
			.run((context) -> {
				SessionExpiry expiry = context.getBean(SessionExpiry.class);
				assertThat(expiry.getCookieAge()).isEqualTo(Duration.ofSeconds(600));
				assertThat(expiry.expiresAtBrowserClose(null)).isTrue();
				assertThat(context.getBean(SessionFactory.class).getExpiry()).isSameAs(expiry);
			});
	}

	@Test
	void saveEveryRequestReachesSessionMiddleware() {
		this.contextRunner.withPropertyValues("session.save-every-request=true")
			.run((context) -> assertThat(cookieOfReadOnlyRequest(context)).startsWith("sessionid="));
	}

	@Test
	void sessionThatIsOnlyReadIsNotSavedByDefault() {
		this.contextRunner.run((context) -> assertThat(cookieOfReadOnlyRequest(context)).isNull());
	}

	@Test
	void absoluteAgeReachesSessionFactory() {
		this.contextRunner.withPropertyValues("session.absolute-age=3600").run((context) -> {
			SessionFactory factory = context.getBean(SessionFactory.class);
			Session fresh = factory.open(null);
			fresh.set("user", "alice");
			fresh.save();
			assertThat(fresh.contains(SessionFactory.CREATED_KEY)).isTrue();
			assertThat(factory.open(fresh.getSessionKey()).get("user")).isEqualTo("alice");
			String oldKey = saveSessionCreatedLongAgo(factory);
			Session old = factory.open(oldKey);
			assertThat(old.get("user")).isNull();
			assertThat(old.getSessionKey()).isNull();
		});
	}

	@Test
	void sessionsHaveNoAbsoluteAgeByDefault() {
		this.contextRunner.run((context) -> {
			SessionFactory factory = context.getBean(SessionFactory.class);
			Session fresh = factory.open(null);
			fresh.set("user", "alice");
			fresh.save();
			assertThat(fresh.contains(SessionFactory.CREATED_KEY)).isFalse();
			String oldKey = saveSessionCreatedLongAgo(factory);
			Session old = factory.open(oldKey);
			assertThat(old.get("user")).isEqualTo("alice");
			assertThat(old.getSessionKey()).isEqualTo(oldKey);
		});
	}

	@Test
	void unknownEngineFailsAtStartupWithValidEngineNames() {
		this.contextRunner.withPropertyValues("session.engine=redisx").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(causeChainMessages(context.getStartupFailure()))
				.anySatisfy((message) -> assertThat(message).contains("redisx")
					.contains("db, file, cache, cached_db, signed_cookies"));
			assertThat(causeChainMessages(context.getStartupFailure()))
				.anySatisfy((message) -> assertThat(message).contains("session.engine"));
		});
	}

	@Test
	void blankEngineIsTheDefaultDbEngine() {
		this.contextRunner.withPropertyValues("session.engine=")
			.run((context) -> assertThat(context).hasSingleBean(JdbcSessionEngine.class));
	}

	@Test
	void missingSecretKeyFailsWithClearMessageAndAction() {
		new WebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(SessionEngineAutoConfiguration.class, DataSourceAutoConfiguration.class))
			.run((context) -> {
				SessionConfigurationException failure = sessionConfigurationFailure(context);
				assertThat(failure).hasMessageContaining("No secret key is configured")
					.hasMessageContaining("'db' session engine");
				assertThat(failure.getAction()).contains("session.secret-key")
					.contains("SESSION_SECRET_KEY")
					.contains("at least 32 characters");
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   " })
	void blankSecretKeyFailsLikeMissingSecretKey(String secretKey) {
		this.withoutDataSourceContextRunner
			.withPropertyValues("session.engine=signed_cookies", "session.secret-key=" + secretKey)
			.run((context) -> assertThat(sessionConfigurationFailure(context))
				.hasMessageContaining("No secret key is configured")
				.hasMessageContaining("'signed_cookies' session engine"));
	}

	@Test
	void secretKeyOf31CharactersFailsWithClearMessageAndAction() {
		this.contextRunner.withPropertyValues("session.engine=signed_cookies", "session.secret-key=" + "k".repeat(31))
			.run((context) -> {
				SessionConfigurationException failure = sessionConfigurationFailure(context);
				assertThat(failure).hasMessageContaining("31 characters")
					.hasMessageContaining("at least 32")
					.hasMessageContaining("'signed_cookies' session engine");
				assertThat(failure.getMessage()).doesNotContain("k".repeat(31));
				assertThat(failure.getAction()).contains("session.secret-key").contains("at least 32 characters");
			});
	}

	@Test
	void secretKeyOf31CharactersFailsForDbEngine() {
		this.contextRunner.withPropertyValues("session.secret-key=" + "k".repeat(31))
			.run((context) -> assertThat(sessionConfigurationFailure(context)).hasMessageContaining("31 characters")
				.hasMessageContaining("'db' session engine"));
	}

	@Test
	void secretKeyOf32CharactersIsAccepted() {
		this.contextRunner
			.withPropertyValues("session.engine=signed_cookies",
					"session.secret-key=" + "0123456789abcdefghijklmnopqrstuv")
			.run((context) -> assertThat(context).hasSingleBean(SignedCookieSessionEngine.class));
	}

	@Test
	void dbEngineWithoutDataSourceFailsNamingSpringBootStarterJdbc() {
		this.withoutDataSourceContextRunner.withPropertyValues("session.engine=db", "session.secret-key=" + SECRET_KEY)
			.run((context) -> {
				SessionConfigurationException failure = sessionConfigurationFailure(context);
				assertThat(failure).hasMessageContaining(
						"'db' session engine needs spring-jdbc and a single (or @Primary) DataSource");
				assertThat(failure.getAction()).contains("spring-boot-starter-jdbc").contains("spring.datasource");
			});
	}

	@Test
	void defaultEngineWithoutDataSourceFailsNamingSpringBootStarterJdbc() {
		this.withoutDataSourceContextRunner.withPropertyValues("session.secret-key=" + SECRET_KEY)
			.run((context) -> assertThat(sessionConfigurationFailure(context).getAction())
				.contains("spring-boot-starter-jdbc"));
	}

	@Test
	void dbEngineWithoutSpringJdbcFailsNamingSpringBootStarterJdbc() {
		this.withoutDataSourceContextRunner.withClassLoader(new FilteredClassLoader(JdbcTemplate.class))
			.withPropertyValues("session.secret-key=" + SECRET_KEY)
			.run((context) -> assertThat(sessionConfigurationFailure(context).getAction())
				.contains("spring-boot-starter-jdbc"));
	}

	@Test
	void signedCookiesEngineNeedsNoSpringJdbc() {
		this.withoutDataSourceContextRunner.withClassLoader(new FilteredClassLoader(JdbcTemplate.class))
			.withPropertyValues("session.engine=signed_cookies", "session.secret-key=" + SECRET_KEY)
			.run((context) -> assertThat(context).hasSingleBean(SignedCookieSessionEngine.class)
				.hasSingleBean(SessionMiddleware.class));
	}

	@Test
	void withoutSpringMvcFilterIsRegisteredButNoArgumentResolver() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(WebMvcConfigurer.class))
			.run((context) -> assertThat(context).hasBean("sessionMiddlewareFilterRegistration")
				.doesNotHaveBean("sessionArgumentResolverConfigurer"));
	}

	@Test
	void nonWebApplicationHasEngineAndFactoryButNoFilter() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(SessionEngineAutoConfiguration.class, DataSourceAutoConfiguration.class))
			.withPropertyValues("session.secret-key=" + SECRET_KEY)
			.run((context) -> assertThat(context).hasSingleBean(JdbcSessionEngine.class)
				.hasSingleBean(SessionFactory.class)
				.doesNotHaveBean(SessionMiddleware.class)
				.doesNotHaveBean(FilterRegistrationBean.class)
				.doesNotHaveBean("sessionArgumentResolverConfigurer"));
	}

	@Test
	void startupFailureIsAnalyzedWithExceptionDescriptionAndAction() {
		this.withoutDataSourceContextRunner.withPropertyValues("session.engine=signed_cookies").run((context) -> {
			SessionConfigurationException failure = sessionConfigurationFailure(context);
			FailureAnalysis analysis = new SessionConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).isEqualTo(failure.getMessage());
			assertThat(analysis.getAction()).isEqualTo(failure.getAction());
		});
	}

	@Test
	void failureAnalyzerUsesDescriptionAndActionOfNestedException() {
		SessionConfigurationException cause = new SessionConfigurationException("d", "a");
		FailureAnalysis analysis = new SessionConfigurationFailureAnalyzer().analyze(new RuntimeException(cause));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).isEqualTo("d");
		assertThat(analysis.getAction()).isEqualTo("a");
		assertThat(analysis.getCause()).isSameAs(cause);
	}

	@Test
	void failureAnalyzerIgnoresOtherFailures() {
		assertThat(new SessionConfigurationFailureAnalyzer().analyze(new IllegalStateException("other"))).isNull();
	}

	@Test
	void failureAnalyzerIsRegisteredInSpringFactories() {
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
			.load(FailureAnalyzer.class, SpringFactoriesLoader.FailureHandler.handleMessage((message, ex) -> {
			}))).hasAtLeastOneElementOfType(SessionConfigurationFailureAnalyzer.class);
	}

	private static SessionMiddlewareFilter filter(ApplicationContext context) {
		FilterRegistrationBean<?> registration = context.getBean("sessionMiddlewareFilterRegistration",
				FilterRegistrationBean.class);
		return (SessionMiddlewareFilter) registration.getFilter();
	}

	private static @Nullable String cookieOfReadOnlyRequest(ApplicationContext context) throws Exception {
		MockHttpServletResponse first = new MockHttpServletResponse();
		filter(context).doFilter(new MockHttpServletRequest(), first,
				(request, response) -> RequestSession.get(request).set("user", "alice"));
		String key = first.getCookie("sessionid").getValue();
		MockHttpServletRequest readOnly = new MockHttpServletRequest();
		readOnly.setCookies(new Cookie("sessionid", key));
		MockHttpServletResponse second = new MockHttpServletResponse();
		filter(context).doFilter(readOnly, second,
				(request, response) -> assertThat(RequestSession.get(request).get("user")).isEqualTo("alice"));
		return second.getHeader("Set-Cookie");
	}

	private static String saveSessionCreatedLongAgo(SessionFactory factory) {
		Session session = factory.open(null);
		session.set(SessionFactory.CREATED_KEY, "2000-01-01T00:00:00+00:00");
		session.set("user", "alice");
		session.save();
		return session.getSessionKey();
	}

	private static SessionConfigurationException sessionConfigurationFailure(
			ApplicationContextAssertProvider<?> context) {
		return sessionConfigurationFailure(context.getStartupFailure());
	}

	private static SessionConfigurationException sessionConfigurationFailure(@Nullable Throwable failure) {
		assertThat(failure).as("start-up failure").isNotNull();
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof SessionConfigurationException sessionFailure) {
				return sessionFailure;
			}
		}
		throw new AssertionError("No SessionConfigurationException in the cause chain of " + failure, failure);
	}

	private static List<String> causeChainMessages(@Nullable Throwable failure) {
		List<String> messages = new ArrayList<>();
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			messages.add(String.valueOf(candidate.getMessage()));
		}
		return messages;
	}

	static class InMemorySessionEngine implements SessionEngine {

		final Map<String, Map<String, @Nullable Object>> sessions = new ConcurrentHashMap<>();

		@Override
		public @Nullable Map<String, @Nullable Object> load(String key) {
			Map<String, @Nullable Object> data = this.sessions.get(key);
			return (data != null) ? new LinkedHashMap<>(data) : null;
		}

		@Override
		public String save(String key, Map<String, @Nullable Object> data, Instant expiresAt, boolean mustCreate) {
			this.sessions.put(key, new LinkedHashMap<>(data));
			return key;
		}

		@Override
		public void delete(String key) {
			this.sessions.remove(key);
		}

		@Override
		public OptionalLong clearExpired() {
			return OptionalLong.empty();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserEngineConfiguration {

		@Bean
		InMemorySessionEngine userSessionEngine() {
			return new InMemorySessionEngine();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserSerializerConfiguration {

		@Bean
		CountingSerializer userSerializer() {
			return new CountingSerializer();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserExpiryConfiguration {

		@Bean
		SessionExpiry userExpiry() {
			return new SessionExpiry(Duration.ofMinutes(42), false, Clock.systemUTC());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserMiddlewareConfiguration {

		@Bean
		SessionMiddleware userMiddleware(SessionFactory factory) {
			return new SessionMiddleware(factory,
					new SessionCookie("user_middleware_cookie", null, "/", false, true, SameSite.LAX), false);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserFactoryConfiguration {

		@Bean
		SessionFactory userFactory() {
			return new SessionFactory(new InMemorySessionEngine(),
					new SessionExpiry(Duration.ofMinutes(42), false, Clock.systemUTC()), new JsonSessionSerializer());
		}

	}

}
