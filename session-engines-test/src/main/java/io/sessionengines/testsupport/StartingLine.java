package io.sessionengines.testsupport;

import java.util.concurrent.CountDownLatch;

/**
 * Where racing threads of a test wait, so that they start at once.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public final class StartingLine {

	private StartingLine() {
	}

	/**
	 * Wait for the start, from a task that cannot throw checked exceptions.
	 * @param start the latch that is counted down to start the race
	 */
	public static void await(CountDownLatch start) {
		try {
			start.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
