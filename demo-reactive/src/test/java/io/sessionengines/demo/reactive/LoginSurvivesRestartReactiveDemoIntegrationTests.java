package io.sessionengines.demo.reactive;

import io.sessionengines.demo.LoginSurvivesRestartChecks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A login on the reactive demo survives a restart ({@link LoginSurvivesRestartChecks}),
 * with BlockHound watching the servers' non-blocking threads.
 *
 * @author Session Engines contributors
 */
class LoginSurvivesRestartReactiveDemoIntegrationTests implements LoginSurvivesRestartChecks {

	@BeforeAll
	static void installBlockHound() {
		BlockingCalls.install();
	}

	@AfterEach
	void nothingBlockedANonBlockingThread() {
		assertThat(BlockingCalls.drain()).as("blocking calls on non-blocking threads").isEmpty();
	}

	@Override
	public Class<?> application() {
		return ReactiveDemoApplication.class;
	}

}
