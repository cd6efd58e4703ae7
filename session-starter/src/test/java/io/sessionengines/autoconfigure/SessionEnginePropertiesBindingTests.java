package io.sessionengines.autoconfigure;

import java.time.Duration;
import java.util.Map;

import io.sessionengines.engine.cache.RedisSessionCacheStore;
import io.sessionengines.engine.db.JdbcSessionEngine;
import io.sessionengines.web.SameSite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SessionEngineProperties} bound from Django's environment variable
 * names.
 *
 * @author Session Engines contributors
 */
class SessionEnginePropertiesBindingTests {

	@Test
	void defaultsAreDjangos() {
		SessionEngineProperties properties = bind(Map.of());
		assertThat(properties.getEngine()).isEqualTo(SessionEngineType.DB);
		assertThat(properties.getSecretKey()).isNull();
		assertThat(properties.getSecretKeyFallbacks()).isEmpty();
		assertThat(properties.isSaveEveryRequest()).isFalse();
		assertThat(properties.isExpireAtBrowserClose()).isFalse();
		assertThat(properties.getAbsoluteAge()).isNull();
		assertThat(properties.getCacheAlias()).isEqualTo("memory");
		assertThat(properties.getSerializer()).isEqualTo(SessionSerializerType.JSON);
		assertThat(properties.getCookie().getName()).isEqualTo("sessionid");
		assertThat(properties.getCookie().getAge()).isEqualTo(Duration.ofSeconds(1209600));
		assertThat(properties.getCookie().getDomain()).isNull();
		assertThat(properties.getCookie().getPath()).isEqualTo("/");
		assertThat(properties.getCookie().isSecure()).isFalse();
		assertThat(properties.getCookie().isHttpOnly()).isTrue();
		assertThat(properties.getCookie().getSameSite()).isEqualTo(SameSite.LAX);
		assertThat(properties.getDb().getTable()).isEqualTo("django_session");
		assertThat(properties.getFile().getPath()).isNull();
	}

	@Test
	void literalDefaultsAreTheEnginesConstants() {
		// the metadata's defaults must be literals; this keeps them the engines' own
		SessionEngineProperties properties = new SessionEngineProperties();
		assertThat(properties.getDb().getTable()).isEqualTo(JdbcSessionEngine.DEFAULT_TABLE);
		assertThat(properties.getCache().getKeyPrefix()).isEqualTo(RedisSessionCacheStore.DEFAULT_KEY_PREFIX);
	}

	@ParameterizedTest
	@CsvSource({ "db, DB", "file, FILE", "cache, CACHE", "cached_db, CACHED_DB", "signed_cookies, SIGNED_COOKIES",
			"django.contrib.sessions.backends.db, DB", "django.contrib.sessions.backends.file, FILE",
			"django.contrib.sessions.backends.cache, CACHE", "django.contrib.sessions.backends.cached_db, CACHED_DB",
			"django.contrib.sessions.backends.signed_cookies, SIGNED_COOKIES" })
	void sessionEngineBindsToEngine(String value, SessionEngineType expected) {
		assertThat(bind(Map.of("SESSION_ENGINE", value)).getEngine()).isEqualTo(expected);
	}

	@Test
	void unknownSessionEngineFailsToBindWithValidNames() {
		assertThatExceptionOfType(BindException.class).isThrownBy(() -> bind(Map.of("SESSION_ENGINE", "redisx")))
			.satisfies((ex) -> assertThat(ex.getProperty().getName()).hasToString("session.engine"))
			.havingRootCause()
			.withMessageContaining("'redisx'")
			.withMessageContaining("db, file, cache, cached_db, signed_cookies");
	}

	@Test
	void sessionCookieNameBindsToCookieName() {
		assertThat(bind(Map.of("SESSION_COOKIE_NAME", "django_sid")).getCookie().getName()).isEqualTo("django_sid");
	}

	@Test
	void sessionCookieAgeInPlainSecondsBindsToCookieAge() {
		assertThat(bind(Map.of("SESSION_COOKIE_AGE", "600")).getCookie().getAge()).isEqualTo(Duration.ofSeconds(600));
	}

	@Test
	void sessionCookieAgeWithUnitBindsToCookieAge() {
		assertThat(bind(Map.of("SESSION_COOKIE_AGE", "2h")).getCookie().getAge()).isEqualTo(Duration.ofHours(2));
	}

	@Test
	void sessionCookieDomainBindsToCookieDomain() {
		assertThat(bind(Map.of("SESSION_COOKIE_DOMAIN", ".example.com")).getCookie().getDomain())
			.isEqualTo(".example.com");
	}

	@Test
	void sessionCookiePathBindsToCookiePath() {
		assertThat(bind(Map.of("SESSION_COOKIE_PATH", "/app")).getCookie().getPath()).isEqualTo("/app");
	}

	@Test
	void sessionCookieSecureBindsToCookieSecure() {
		assertThat(bind(Map.of("SESSION_COOKIE_SECURE", "true")).getCookie().isSecure()).isTrue();
	}

	@Test
	void sessionCookieHttpOnlyBindsToCookieHttpOnly() {
		assertThat(bind(Map.of("SESSION_COOKIE_HTTPONLY", "false")).getCookie().isHttpOnly()).isFalse();
	}

	@ParameterizedTest
	@CsvSource({ "Lax, LAX", "Strict, STRICT", "None, NONE", "false, FALSE", "False, FALSE", "lax, LAX" })
	void sessionCookieSameSiteBindsToCookieSameSite(String value, SameSite expected) {
		assertThat(bind(Map.of("SESSION_COOKIE_SAMESITE", value)).getCookie().getSameSite()).isEqualTo(expected);
	}

	@Test
	void sessionSaveEveryRequestBindsToSaveEveryRequest() {
		assertThat(bind(Map.of("SESSION_SAVE_EVERY_REQUEST", "true")).isSaveEveryRequest()).isTrue();
	}

	@Test
	void sessionExpireAtBrowserCloseBindsToExpireAtBrowserClose() {
		assertThat(bind(Map.of("SESSION_EXPIRE_AT_BROWSER_CLOSE", "true")).isExpireAtBrowserClose()).isTrue();
	}

	@Test
	void sessionFilePathBindsToFilePath() {
		assertThat(bind(Map.of("SESSION_FILE_PATH", "/var/lib/sessions")).getFile().getPath())
			.isEqualTo("/var/lib/sessions");
	}

	@Test
	void sessionCacheAliasBindsToCacheAlias() {
		assertThat(bind(Map.of("SESSION_CACHE_ALIAS", "redis")).getCacheAlias()).isEqualTo("redis");
	}

	@Test
	void sessionSerializerBindsToSerializer() {
		assertThat(bind(Map.of("SESSION_SERIALIZER", "json")).getSerializer()).isEqualTo(SessionSerializerType.JSON);
	}

	@Test
	void djangoCacheIsOffByDefaultWithDjangosDefaultKeyPrefixAndVersion() {
		SessionEngineProperties.Django.Cache django = bind(Map.of()).getDjango().getCache();
		assertThat(django.isEnabled()).isFalse();
		assertThat(django.getKeyPrefix()).isEmpty();
		assertThat(django.getVersion()).isOne();
	}

	@Test
	void sessionDjangoCacheEnvironmentVariablesBindToDjangoCache() {
		SessionEngineProperties.Django.Cache django = bind(Map.of("SESSION_DJANGO_CACHE_ENABLED", "true",
				"SESSION_DJANGO_CACHE_KEYPREFIX", "shop", "SESSION_DJANGO_CACHE_VERSION", "3"))
			.getDjango()
			.getCache();
		assertThat(django.isEnabled()).isTrue();
		assertThat(django.getKeyPrefix()).isEqualTo("shop");
		assertThat(django.getVersion()).isEqualTo(3);
	}

	@Test
	void sessionSecretKeyBindsToSecretKey() {
		assertThat(bind(Map.of("SESSION_SECRET_KEY", "s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t")).getSecretKey())
			.isEqualTo("s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t");
	}

	@Test
	void sessionSecretKeyFallbacksBindsCommaSeparatedListToSecretKeyFallbacks() {
		SessionEngineProperties properties = bind(Map.of("SESSION_SECRET_KEY_FALLBACKS", "a,b"));
		assertThat(properties.getSecretKeyFallbacks()).containsExactly("a", "b");
		assertThat(properties.getSecretKey()).isNull();
	}

	@Test
	void sessionSecretKeyAndFallbacksBindSeparately() {
		SessionEngineProperties properties = bind(
				Map.of("SESSION_SECRET_KEY", "current", "SESSION_SECRET_KEY_FALLBACKS", "old1,old2"));
		assertThat(properties.getSecretKey()).isEqualTo("current");
		assertThat(properties.getSecretKeyFallbacks()).containsExactly("old1", "old2");
	}

	@Test
	void sessionDbTableBindsToDbTable() {
		assertThat(bind(Map.of("SESSION_DB_TABLE", "my_sessions")).getDb().getTable()).isEqualTo("my_sessions");
	}

	@Test
	void sessionAbsoluteAgeInPlainSecondsBindsToAbsoluteAge() {
		assertThat(bind(Map.of("SESSION_ABSOLUTE_AGE", "3600")).getAbsoluteAge()).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void environmentVariablesLeaveOtherPropertiesAtTheirDefaults() {
		SessionEngineProperties properties = bind(Map.of("SESSION_COOKIE_AGE", "600", "SESSION_COOKIE_SECURE", "true"));
		assertThat(properties.getCookie().getName()).isEqualTo("sessionid");
		assertThat(properties.getCookie().isHttpOnly()).isTrue();
		assertThat(properties.getCookie().getSameSite()).isEqualTo(SameSite.LAX);
		assertThat(properties.getEngine()).isEqualTo(SessionEngineType.DB);
	}

	private static SessionEngineProperties bind(Map<String, Object> environmentVariables) {
		StandardEnvironment environment = new StandardEnvironment();
		MutablePropertySources sources = environment.getPropertySources();
		sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						environmentVariables));
		ConfigurationPropertySources.attach(environment);
		ApplicationConversionService conversionService = new ApplicationConversionService();
		conversionService.addConverter(new SessionEngineTypeConverter());
		Binder binder = new Binder(ConfigurationPropertySources.get(environment), null, conversionService);
		return binder.bindOrCreate("session", Bindable.of(SessionEngineProperties.class));
	}

}
