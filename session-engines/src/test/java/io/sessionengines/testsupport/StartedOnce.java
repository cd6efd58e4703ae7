package io.sessionengines.testsupport;

import java.util.function.Supplier;

/**
 * Something a test class starts once, on first use, such as private Redis servers: a
 * start that failed is reported again to every later test of the class without being
 * tried again.
 *
 * @param <T> what is started
 * @author Session Engines contributors
 */
public final class StartedOnce<T> {

	private final Supplier<T> start;

	private T started;

	private RuntimeException failure;

	/**
	 * Create it.
	 * @param start starts it
	 */
	public StartedOnce(Supplier<T> start) {
		this.start = start;
	}

	/**
	 * Return what was started, starting it on the first call.
	 * @return what was started
	 * @throws RuntimeException how the start failed, on this and every later call
	 */
	public synchronized T get() {
		if (this.failure != null) {
			throw this.failure;
		}
		if (this.started == null) {
			try {
				this.started = this.start.get();
			}
			catch (RuntimeException ex) {
				this.failure = ex;
				throw ex;
			}
		}
		return this.started;
	}

	/**
	 * Return whether it was started.
	 * @return whether {@link #get()} has started it
	 */
	public synchronized boolean isStarted() {
		return this.started != null;
	}

}
