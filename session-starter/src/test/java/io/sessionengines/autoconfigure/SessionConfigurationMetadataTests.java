package io.sessionengines.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the configuration metadata generated for {@link SessionEngineProperties}.
 *
 * @author Session Engines contributors
 */
class SessionConfigurationMetadataTests {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private static Map<String, JsonNode> properties;

	@BeforeAll
	static void readMetadata() throws IOException {
		JsonNode metadata = JsonMapper.builder().build().readTree(read(starterMetadata()));
		properties = new LinkedHashMap<>();
		for (JsonNode property : metadata.get("properties")) {
			properties.put(property.get("name").asString(), property);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "session.engine", "session.secret-key", "session.secret-key-fallbacks",
			"session.save-every-request", "session.expire-at-browser-close", "session.absolute-age",
			"session.idle-timeout", "session.idle-timeout-resolution", "session.cache-alias", "session.serializer",
			"session.typed-values", "session.cookie.name", "session.cookie.age", "session.cookie.domain",
			"session.cookie.path", "session.cookie.secure", "session.cookie.http-only", "session.cookie.same-site",
			"session.db.table", "session.file.path", "session.header-name", "session.purge-interval",
			"session.max-data-size", "session.cache.maximum-size", "session.cache.key-prefix", "session.cache.timeout",
			"session.cache.cached-db-timeout", "session.cache.cached-db-entry-lifetime", "session.django.cache.enabled",
			"session.django.cache.key-prefix", "session.django.cache.version" })
	void propertyIsDescribed(String name) {
		assertThat(properties).containsKey(name);
		JsonNode property = properties.get(name);
		assertThat(property.path("description").asString("")).as("description of %s", name).isNotBlank();
		assertThat(property.path("type").asString("")).as("type of %s", name).isNotBlank();
		assertThat(property.has("deprecation")).as("deprecation of %s", name).isFalse();
	}

	@ParameterizedTest
	@CsvSource({ "session.engine, db", "session.cookie.name, sessionid", "session.cookie.age, 1209600s",
			"session.cookie.path, /", "session.cookie.same-site, lax", "session.db.table, django_session",
			"session.cache-alias, memory", "session.serializer, json" })
	void propertyHasDjangosDefault(String name, String defaultValue) {
		assertThat(properties.get(name).path("defaultValue").asString()).isEqualTo(defaultValue);
	}

	@ParameterizedTest
	@CsvSource({ "session.cookie.secure, false", "session.cookie.http-only, true", "session.save-every-request, false",
			"session.expire-at-browser-close, false" })
	void booleanPropertyHasDjangosDefault(String name, boolean defaultValue) {
		JsonNode value = properties.get(name).path("defaultValue");
		assertThat(value.isBoolean()).as("boolean default of %s", name).isTrue();
		assertThat(value.asBoolean()).isEqualTo(defaultValue);
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "session.secret-key", "session.cookie.domain", "session.absolute-age", "session.file.path" })
	void propertyWithoutDjangoDefaultHasNoDefault(String name) {
		assertThat(properties.get(name).has("defaultValue")).isFalse();
	}

	@ParameterizedTest
	@CsvSource({ "session.engine, SESSION_ENGINE", "session.cookie.name, SESSION_COOKIE_NAME",
			"session.cookie.age, SESSION_COOKIE_AGE", "session.cookie.domain, SESSION_COOKIE_DOMAIN",
			"session.cookie.path, SESSION_COOKIE_PATH", "session.cookie.secure, SESSION_COOKIE_SECURE",
			"session.cookie.http-only, SESSION_COOKIE_HTTPONLY", "session.cookie.same-site, SESSION_COOKIE_SAMESITE",
			"session.save-every-request, SESSION_SAVE_EVERY_REQUEST",
			"session.expire-at-browser-close, SESSION_EXPIRE_AT_BROWSER_CLOSE", "session.file.path, SESSION_FILE_PATH",
			"session.cache-alias, SESSION_CACHE_ALIAS", "session.serializer, SESSION_SERIALIZER" })
	void descriptionNamesDjangoSetting(String name, String djangoSetting) {
		assertThat(properties.get(name).path("description").asString()).contains("Django's " + djangoSetting);
	}

	@Test
	void durationPropertiesDescribeTheirUnit() {
		assertThat(properties.get("session.cookie.age").path("description").asString()).contains("seconds");
		assertThat(properties.get("session.absolute-age").path("description").asString()).contains("seconds");
		assertThat(properties.get("session.cache.timeout").path("description").asString()).contains("milliseconds");
		assertThat(properties.get("session.cache.cached-db-timeout").path("description").asString())
			.contains("milliseconds");
		assertThat(properties.get("session.cache.cached-db-entry-lifetime").path("description").asString())
			.contains("seconds");
	}

	@ParameterizedTest
	@CsvSource({ "session.cache.timeout, 2000ms", "session.cache.cached-db-timeout, 200ms" })
	void sessionCacheTimeoutsHaveShortDefaults(String name, String defaultValue) {
		assertThat(properties.get(name).path("defaultValue").asString()).isEqualTo(defaultValue);
	}

	@Test
	void everyDescribedPropertyIsASessionPropertyOrOfTheStartersEndpoints() {
		assertThat(properties.keySet())
			.allMatch((name) -> name.startsWith("session.") || name.startsWith("management.endpoint.sessionstore.")
					|| name.startsWith("management.endpoint.sessions."));
	}

	private static URL starterMetadata() throws IOException {
		String classes = SessionEngineProperties.class.getProtectionDomain().getCodeSource().getLocation().toString();
		Enumeration<URL> candidates = SessionConfigurationMetadataTests.class.getClassLoader().getResources(METADATA);
		while (candidates.hasMoreElements()) {
			URL candidate = candidates.nextElement();
			if (candidate.toString().contains(classes)) {
				return candidate;
			}
		}
		throw new AssertionError("No " + METADATA + " next to " + classes + ": was the configuration processor run?");
	}

	private static byte[] read(URL url) throws IOException {
		try (InputStream stream = url.openStream()) {
			return stream.readAllBytes();
		}
	}

}
