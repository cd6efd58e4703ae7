package io.sessionengines.autoconfigure;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BootSessionSettingsEnvironmentPostProcessor}.
 *
 * @author Session Engines contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class BootSessionSettingsEnvironmentPostProcessorTests {

	@Test
	void bootsCookieSettingsApplyToTheSessionCookie(CapturedOutput output) {
		SessionEngineProperties.Cookie cookie = cookieBoundFrom(Map.of("server.servlet.session.cookie.secure", "true",
				"server.servlet.session.cookie.name", "__Secure-sid", "server.servlet.session.cookie.domain",
				"example.com", "server.servlet.session.cookie.path", "/app", "server.servlet.session.cookie.http-only",
				"false", "server.servlet.session.cookie.same-site", "strict", "server.servlet.session.cookie.max-age",
				"30m"));
		assertThat(cookie.isSecure()).isTrue();
		assertThat(cookie.getName()).isEqualTo("__Secure-sid");
		assertThat(cookie.getDomain()).isEqualTo("example.com");
		assertThat(cookie.getPath()).isEqualTo("/app");
		assertThat(cookie.isHttpOnly()).isFalse();
		assertThat(cookie.getSameSite()).hasToString("STRICT");
		assertThat(cookie.getAge()).isEqualTo(Duration.ofMinutes(30));
		assertThat(output)
			.contains("server.servlet.session.cookie.secure applies to the sessions as session.cookie.secure; "
					+ "set session.cookie.secure to override it");
	}

	@Test
	void sessionSettingWinsOverBootsAndIsNotLogged(CapturedOutput output) {
		SessionEngineProperties.Cookie cookie = cookieBoundFrom(Map.of("server.servlet.session.cookie.secure", "true",
				"session.cookie.secure", "false", "server.servlet.session.cookie.path", "/app"));
		assertThat(cookie.isSecure()).isFalse();
		assertThat(cookie.getPath()).isEqualTo("/app");
		assertThat(output).doesNotContain("as session.cookie.secure").contains("as session.cookie.path");
	}

	@Test
	void bootsSessionTimeoutIsTheIdleTimeout() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("application", Map.of("server.servlet.session.timeout", "30m")));
		postProcess(environment);
		assertThat(Binder.get(environment).bindOrCreate("session", SessionEngineProperties.class).getIdleTimeout())
			.isEqualTo(Duration.ofMinutes(30));
	}

	@Test
	void bootsReactiveSessionSettingsApplyInAReactiveApplication(CapturedOutput output) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("application",
					Map.of("server.reactive.session.cookie.secure", "true", "server.reactive.session.cookie.name",
							"__Secure-sid", "server.reactive.session.cookie.domain", "example.com",
							"server.reactive.session.cookie.path", "/app", "server.reactive.session.cookie.http-only",
							"false", "server.reactive.session.cookie.same-site", "strict",
							"server.reactive.session.cookie.max-age", "30m", "server.reactive.session.timeout", "20m",
							"server.servlet.session.cookie.path", "/servlet")));
		postProcess(environment, WebApplicationType.REACTIVE);
		SessionEngineProperties properties = Binder.get(environment)
			.bindOrCreate("session", SessionEngineProperties.class);
		SessionEngineProperties.Cookie cookie = properties.getCookie();
		assertThat(cookie.isSecure()).isTrue();
		assertThat(cookie.getName()).isEqualTo("__Secure-sid");
		assertThat(cookie.getDomain()).isEqualTo("example.com");
		assertThat(cookie.getPath()).isEqualTo("/app");
		assertThat(cookie.isHttpOnly()).isFalse();
		assertThat(cookie.getSameSite()).hasToString("STRICT");
		assertThat(cookie.getAge()).isEqualTo(Duration.ofMinutes(30));
		assertThat(properties.getIdleTimeout()).isEqualTo(Duration.ofMinutes(20));
		assertThat(output).contains("server.reactive.session.cookie.secure applies to the sessions as "
				+ "session.cookie.secure; set session.cookie.secure to override it");
	}

	@Test
	void bootsServletSessionSettingsDoNotApplyInAReactiveApplicationNorTheOtherWayRound() {
		StandardEnvironment reactive = new StandardEnvironment();
		reactive.getPropertySources()
			.addFirst(new MapPropertySource("application", Map.of("server.servlet.session.cookie.secure", "true")));
		postProcess(reactive, WebApplicationType.REACTIVE);
		assertThat(Binder.get(reactive).bindOrCreate("session", SessionEngineProperties.class).getCookie().isSecure())
			.isFalse();
		StandardEnvironment servlet = new StandardEnvironment();
		servlet.getPropertySources()
			.addFirst(new MapPropertySource("application", Map.of("server.reactive.session.cookie.secure", "true")));
		postProcess(servlet, WebApplicationType.SERVLET);
		assertThat(Binder.get(servlet).bindOrCreate("session", SessionEngineProperties.class).getCookie().isSecure())
			.isFalse();
	}

	@Test
	void withoutBootsSettingsNothingChanges() {
		StandardEnvironment environment = new StandardEnvironment();
		postProcess(environment);
		assertThat(environment.getPropertySources()
			.contains(BootSessionSettingsEnvironmentPostProcessor.PROPERTY_SOURCE_NAME)).isFalse();
		SessionEngineProperties.Cookie cookie = cookieBoundFrom(Map.of());
		assertThat(cookie.isSecure()).isFalse();
		assertThat(cookie.getName()).isEqualTo("sessionid");
	}

	private static SessionEngineProperties.Cookie cookieBoundFrom(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("application", properties));
		postProcess(environment);
		return Binder.get(environment).bindOrCreate("session", SessionEngineProperties.class).getCookie();
	}

	private static void postProcess(StandardEnvironment environment) {
		postProcess(environment, WebApplicationType.SERVLET);
	}

	private static void postProcess(StandardEnvironment environment, WebApplicationType type) {
		DeferredLogFactory logs = (destination) -> destination.get();
		SpringApplication application = new SpringApplication();
		application.setWebApplicationType(type);
		new BootSessionSettingsEnvironmentPostProcessor(logs).postProcessEnvironment(environment, application);
	}

}
