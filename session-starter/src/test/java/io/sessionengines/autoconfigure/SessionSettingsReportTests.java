package io.sessionengines.autoconfigure;

import java.time.Duration;

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

}
