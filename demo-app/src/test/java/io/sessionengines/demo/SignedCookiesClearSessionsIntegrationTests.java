package io.sessionengines.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClearSessionsCommand} with the {@code signed_cookies} engine, which
 * stores nothing and so has nothing to purge.
 *
 * @author Session Engines contributors
 */
class SignedCookiesClearSessionsIntegrationTests {

	@Test
	void clearSessionsHasNothingToDo() {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		int exitCode = ClearSessionsCommand.run(DemoApplication.class,
				new String[] { "clearsessions", "--session.engine=signed_cookies",
						"--spring.datasource.url=jdbc:h2:mem:clearsessions-signed;DB_CLOSE_DELAY=-1" },
				new PrintStream(output, true, StandardCharsets.UTF_8));
		assertThat(exitCode).isZero();
		assertThat(output.toString(StandardCharsets.UTF_8).strip())
			.isEqualTo("The 'signed_cookies' session engine expires sessions by itself; nothing to do.");
	}

}
