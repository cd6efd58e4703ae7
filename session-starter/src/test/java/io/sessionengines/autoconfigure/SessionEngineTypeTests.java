package io.sessionengines.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SessionEngineType}.
 *
 * @author Session Engines contributors
 */
class SessionEngineTypeTests {

	@ParameterizedTest
	@CsvSource({ "db, DB", "file, FILE", "cache, CACHE", "cached_db, CACHED_DB", "signed_cookies, SIGNED_COOKIES" })
	void fromNameAcceptsDjangoShortName(String name, SessionEngineType expected) {
		assertThat(SessionEngineType.fromName(name)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "django.contrib.sessions.backends.db, DB", "django.contrib.sessions.backends.file, FILE",
			"django.contrib.sessions.backends.cache, CACHE", "django.contrib.sessions.backends.cached_db, CACHED_DB",
			"django.contrib.sessions.backends.signed_cookies, SIGNED_COOKIES" })
	void fromNameAcceptsDjangoModuleName(String name, SessionEngineType expected) {
		assertThat(SessionEngineType.fromName(name)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "DB, DB", "File, FILE", "CACHED_DB, CACHED_DB", "SIGNED_COOKIES, SIGNED_COOKIES",
			"DJANGO.CONTRIB.SESSIONS.BACKENDS.CACHED_DB, CACHED_DB" })
	void fromNameIgnoresCase(String name, SessionEngineType expected) {
		assertThat(SessionEngineType.fromName(name)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "cached-db, CACHED_DB", "signed-cookies, SIGNED_COOKIES", "SIGNED-COOKIES, SIGNED_COOKIES",
			"signedCookies, SIGNED_COOKIES", "django.contrib.sessions.backends.signed-cookies, SIGNED_COOKIES" })
	void fromNameAcceptsDashesAndCamelCase(String name, SessionEngineType expected) {
		assertThat(SessionEngineType.fromName(name)).isEqualTo(expected);
	}

	@Test
	void fromNameIgnoresSurroundingWhitespace() {
		assertThat(SessionEngineType.fromName("  signed_cookies \t")).isEqualTo(SessionEngineType.SIGNED_COOKIES);
	}

	@ParameterizedTest
	@EnumSource(SessionEngineType.class)
	void fromNameOfDjangoNameIsTheEngine(SessionEngineType type) {
		assertThat(SessionEngineType.fromName(type.getDjangoName())).isSameAs(type);
	}

	@Test
	void djangoNamesAreDjangosModuleSuffixes() {
		assertThat(SessionEngineType.values()).extracting(SessionEngineType::getDjangoName)
			.containsExactly("db", "file", "cache", "cached_db", "signed_cookies");
	}

	@ParameterizedTest
	@ValueSource(strings = { "redisx", "redis", "", "django.contrib.sessions.backends.redisx", "db2",
			"django.contrib.sessions.backends." })
	void fromNameRejectsUnknownNameListingValidNames(String name) {
		assertThatIllegalArgumentException().isThrownBy(() -> SessionEngineType.fromName(name))
			.withMessageContaining("Unknown session engine '" + name + "'")
			.withMessageContaining("db, file, cache, cached_db, signed_cookies")
			.withMessageContaining("django.contrib.sessions.backends.db");
	}

	@Test
	void converterUsesFromName() {
		assertThat(new SessionEngineTypeConverter().convert("django.contrib.sessions.backends.cached_db"))
			.isEqualTo(SessionEngineType.CACHED_DB);
		assertThatIllegalArgumentException().isThrownBy(() -> new SessionEngineTypeConverter().convert("redisx"))
			.withMessageContaining("db, file, cache, cached_db, signed_cookies");
	}

}
