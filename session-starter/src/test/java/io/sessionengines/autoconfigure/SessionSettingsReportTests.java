package io.sessionengines.autoconfigure;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import io.sessionengines.engine.SessionEngine;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SessionSettingsReport}.
 *
 * @author Session Engines contributors
 */
class SessionSettingsReportTests {

	private final SessionEngine engine = new StorageEngineConfigurationTests.FailingPurgeEngine();

	@Test
	void summaryNamesTheEngineAndTheCookieSettings() {
		SessionEngineProperties properties = new SessionEngineProperties();
		properties.getCookie().setAge(Duration.ofSeconds(3600));
		properties.getCookie().setDomain(".example.com");
		String summary = new SessionSettingsReport(properties, this.engine, null).summary();
		assertThat(summary).contains("engine 'db'")
			.contains("table django_session")
			.contains("cookie 'sessionid'")
			.contains("age 3600 s")
			.contains("domain .example.com")
			.contains("Secure off")
			.contains("HttpOnly on")
			.contains("SameSite lax");
	}

	@Test
	void summaryNamesTheTableOfDjangosUsersWhenLoginsAreShared() {
		SessionEngineProperties properties = new SessionEngineProperties();
		assertThat(new SessionSettingsReport(properties, this.engine, null).summary()).doesNotContain("Django");
		properties.getDjango().getAuth().setEnabled(true);
		properties.getDjango().getAuth().setUserTable("accounts_user");
		assertThat(new SessionSettingsReport(properties, this.engine, null).summary())
			.endsWith("; logins shared with Django through table accounts_user");
	}

	@Test
	void summaryTellsTheKeyRingAndEncryptionWithoutAnySecret() {
		SessionEngineProperties properties = new SessionEngineProperties();
		assertThat(new SessionSettingsReport(properties, this.engine, null).summary()).doesNotContain("key ring")
			.doesNotContain("encrypted");
		SessionEngineProperties.KeyRing.Key key = new SessionEngineProperties.KeyRing.Key();
		key.setId("2026-07");
		key.setSecret("n3w-k3y-0f-f0rty-tw0-ch4racters-f0r-t3sts");
		properties.getKeyRing().setKeys(List.of(key, new SessionEngineProperties.KeyRing.Key()));
		properties.getEncryption().setEnabled(true);
		assertThat(new SessionSettingsReport(properties, this.engine, null).summary())
			.endsWith("; key ring of 2 keys; encrypted at rest (not readable by Django)")
			.doesNotContain("n3w-k3y");
	}

	@Test
	void summaryNamesTheCacheAndDjangosKeysWhenTheCacheEngineSharesSessionsWithDjango() {
		SessionEngineProperties properties = new SessionEngineProperties();
		properties.setEngine(SessionEngineType.CACHE);
		properties.setCacheAlias("redis");
		assertThat(new SessionSettingsReport(properties, this.engine, null).summary()).contains("cache redis)");
		properties.getDjango().getCache().setEnabled(true);
		properties.getDjango().getCache().setKeyPrefix("shop");
		assertThat(new SessionSettingsReport(properties, this.engine, null).summary())
			.contains("cache redis in Django's form, keys shop:1:django.contrib.sessions.cache<key>)");
	}

	@Test
	void insecureCookieSettingsAreWarnedAboutLikeDjangosDeployChecks() {
		SessionEngineProperties properties = new SessionEngineProperties();
		properties.getCookie().setHttpOnly(false);
		assertThat(new SessionSettingsReport(properties, this.engine, null).warnings()).hasSize(2)
			.anySatisfy((warning) -> assertThat(warning).contains("session.cookie.secure").contains("W010"))
			.anySatisfy((warning) -> assertThat(warning).contains("session.cookie.http-only").contains("W013"));
	}

	@Test
	void secureSettingsGiveNoWarning() {
		SessionEngineProperties properties = new SessionEngineProperties();
		properties.getCookie().setSecure(true);
		assertThat(new SessionSettingsReport(properties, this.engine, "0.0.0.0").warnings()).isEmpty();
	}

	@Test
	void aServerOnlyOnLoopbackIsLocalDevelopmentAndGivesNoWarning() {
		SessionEngineProperties properties = new SessionEngineProperties();
		assertThat(new SessionSettingsReport(properties, this.engine, "127.0.0.1").warnings()).isEmpty();
		assertThat(new SessionSettingsReport(properties, this.engine, "::1").warnings()).isEmpty();
		assertThat(new SessionSettingsReport(properties, this.engine, "0.0.0.0").warnings()).isNotEmpty();
	}

	@Test
	void thePublishedSecretKeyIsTheDemosAndTheDemoAcknowledgesIt() throws IOException {
		Properties demo = new Properties();
		try (Reader reader = Files
			.newBufferedReader(Path.of("..", "demo-app", "src", "main", "resources", "application.properties"))) {
			demo.load(reader);
		}
		assertThat(demo.getProperty("session.secret-key")).isEqualTo(SessionSigners.DEMO_SECRET_KEY);
		assertThat(demo.getProperty("session.allow-demo-secret-key")).isEqualTo("true");
	}

}
