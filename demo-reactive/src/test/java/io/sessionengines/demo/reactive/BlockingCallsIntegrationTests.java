package io.sessionengines.demo.reactive;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BlockingCalls}: the demo tests' assertion that no request blocked a
 * non-blocking thread means something only if BlockHound sees such calls.
 *
 * @author Session Engines contributors
 */
class BlockingCallsIntegrationTests {

	@BeforeAll
	static void installBlockHound() {
		BlockingCalls.install();
	}

	@Test
	void sleepOnANonBlockingThreadIsRecorded() {
		BlockingCalls.drain();
		Mono.fromRunnable(BlockingCallsIntegrationTests::sleep)
			.subscribeOn(Schedulers.parallel())
			.block(Duration.ofSeconds(10));
		assertThat(BlockingCalls.drain()).singleElement().asString().contains("sleep").contains("parallel");
	}

	@Test
	void sleepOnTheSchedulerForBlockingWorkIsAllowed() {
		BlockingCalls.drain();
		Mono.fromRunnable(BlockingCallsIntegrationTests::sleep)
			.subscribeOn(Schedulers.boundedElastic())
			.block(Duration.ofSeconds(10));
		assertThat(BlockingCalls.drain()).isEmpty();
	}

	private static void sleep() {
		try {
			Thread.sleep(1);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
