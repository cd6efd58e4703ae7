package io.sessionengines.demo.reactive;

import io.sessionengines.demo.ClearSessionsChecks;
import io.sessionengines.demo.ClearSessionsCommand;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClearSessionsCommand} on the reactive demo with the
 * {@code signed_cookies} engine, whose sessions expire by themselves: there is nothing to
 * purge, as with Django's {@code clearsessions} ({@code cache}:
 * {@link CacheClearSessionsReactiveDemoIntegrationTests}).
 *
 * @author Session Engines contributors
 */
class ClearSessionsNothingToDoReactiveDemoIntegrationTests {

	@Test
	void clearSessionsWithSignedCookiesHasNothingToDo() {
		assertThat(ClearSessionsChecks.run(ReactiveDemoApplication.class, ClearSessionsCommand.NAME,
				"--session.engine=signed_cookies",
				"--spring.datasource.url=jdbc:h2:mem:reactive-clearsessions-signed;DB_CLOSE_DELAY=-1"))
			.isEqualTo("The 'signed_cookies' session engine expires sessions by itself; nothing to do.");
	}

}
