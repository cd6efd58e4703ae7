package io.sessionengines.autoconfigure;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Background work of the sessions on one daemon thread of its own, started and stopped
 * with the application context: the thread never keeps the JVM alive, and work that fails
 * is the subclass's to report.
 *
 * @author Session Engines contributors
 */
abstract class BackgroundScheduler implements SmartLifecycle {

	private final String threadName;

	private @Nullable ScheduledExecutorService executor;

	BackgroundScheduler(String threadName) {
		this.threadName = threadName;
	}

	@Override
	public synchronized void start() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, this.threadName);
			thread.setDaemon(true);
			return thread;
		});
		schedule(executor);
		this.executor = executor;
	}

	/**
	 * Schedule the work on the scheduler's thread; called by {@link #start()}.
	 * @param executor the executor of the thread
	 */
	protected abstract void schedule(ScheduledExecutorService executor);

	@Override
	public synchronized void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null && !this.executor.isShutdown();
	}

	/**
	 * Run a task at a fixed delay, the first time one delay from now.
	 * @param executor the executor
	 * @param task the task
	 * @param delay the delay
	 */
	static void repeat(ScheduledExecutorService executor, Runnable task, Duration delay) {
		long millis = delay.toMillis();
		executor.scheduleWithFixedDelay(task, millis, millis, TimeUnit.MILLISECONDS);
	}

}
