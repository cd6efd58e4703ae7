package io.sessionengines.demo.reactive;

import io.sessionengines.demo.DemoPageBrowserChecks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reactive demo's page, the servlet demo's own, in a real browser
 * ({@link DemoPageBrowserChecks}), with BlockHound watching the server's non-blocking
 * threads.
 *
 * @author Session Engines contributors
 */
@SpringBootTest(classes = ReactiveDemoApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:reactive-demo-page;DB_CLOSE_DELAY=-1")
class DemoPageBrowserReactiveDemoIntegrationTests extends DemoPageBrowserChecks {

	@BeforeAll
	static void installBlockHound() {
		BlockingCalls.install();
	}

	@AfterEach
	void nothingBlockedANonBlockingThread() {
		assertThat(BlockingCalls.drain()).as("blocking calls on non-blocking threads").isEmpty();
	}

}
