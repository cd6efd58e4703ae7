package io.sessionengines.demo.reactive;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * BlockHound ({@link BlockingCalls}) for a test class of one instance per class that
 * cannot extend {@link AbstractReactiveDemoIntegrationTests}, such as the Django
 * interoperability tests, which extend demo-common's classes: installed before the class
 * starts the demo, and no test may leave a blocking call on a non-blocking thread.
 *
 * @author Session Engines contributors
 */
interface NoBlockingCalls {

	@BeforeAll
	default void installBlockHound() {
		BlockingCalls.install();
	}

	@AfterEach
	default void nothingBlockedANonBlockingThread() {
		assertThat(BlockingCalls.drain()).as("blocking calls on non-blocking threads").isEmpty();
	}

}
