package io.sessionengines.test.autoconfigure;

import io.sessionengines.autoconfigure.SessionEngineAutoConfiguration;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.file.FileSessionEngine;
import io.sessionengines.engine.signedcookies.SignedCookieSessionEngine;
import io.sessionengines.test.InMemorySessionEngine;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link InMemorySessionEngineAutoConfiguration}.
 *
 * @author Session Engines contributors
 */
class InMemorySessionEngineAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(InMemorySessionEngineAutoConfiguration.class,
				SessionEngineAutoConfiguration.class))
		.withPropertyValues("session.secret-key=session-starter-test-secret-key-3f9c1d27b8e04a6f95c2e7d1a0b4");

	@Test
	void replacesTheDefaultDbEngine() {
		this.runner.run((context) -> assertThat(context).getBean(SessionEngine.class)
			.isInstanceOf(InMemorySessionEngine.class));
	}

	@Test
	void replacesEveryServerSideEngine() {
		for (String engine : new String[] { "db", "cached_db", "cache", "file",
				"django.contrib.sessions.backends.cache" }) {
			this.runner.withPropertyValues("session.engine=" + engine)
				.run((context) -> assertThat(context).getBean(SessionEngine.class)
					.as(engine)
					.isInstanceOf(InMemorySessionEngine.class));
		}
	}

	@Test
	void keepsTheSignedCookiesEngine() {
		this.runner.withPropertyValues("session.engine=signed_cookies")
			.run((context) -> assertThat(context).getBean(SessionEngine.class)
				.isInstanceOf(SignedCookieSessionEngine.class));
	}

	@Test
	void backsOffWhenTheTestDefinesAnEngine() {
		SessionEngine own = mock(FileSessionEngine.class);
		this.runner.withBean("ownEngine", SessionEngine.class, () -> own)
			.run((context) -> assertThat(context).getBean(SessionEngine.class).isSameAs(own));
	}

	@Test
	void leavesAnUnknownEngineToTheStartersError() {
		this.runner.withPropertyValues("session.engine=nosuch")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasRootCauseMessage(rootCauseOfUnknownEngine()));
	}

	private static String rootCauseOfUnknownEngine() {
		try {
			io.sessionengines.autoconfigure.SessionEngineType.fromName("nosuch");
			throw new AssertionError("'nosuch' is no engine");
		}
		catch (IllegalArgumentException ex) {
			return ex.getMessage();
		}
	}

}
