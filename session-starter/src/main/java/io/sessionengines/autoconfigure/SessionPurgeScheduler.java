package io.sessionengines.autoconfigure;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionStoreUnavailableException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Deletes expired sessions in the background at a fixed interval
 * ({@code session.purge-interval}), on one daemon thread. The engines purge in bounded
 * batches, so a large backlog never holds a long lock. It stops by itself on an engine
 * whose storage expires sessions on its own.
 *
 * @author Session Engines contributors
 */
class SessionPurgeScheduler implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(SessionPurgeScheduler.class);

	private final SessionEngine engine;

	private final Duration interval;

	private @Nullable ScheduledExecutorService executor;

	SessionPurgeScheduler(SessionEngine engine, Duration interval) {
		this.engine = engine;
		this.interval = interval;
	}

	@Override
	public synchronized void start() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "session-purge");
			thread.setDaemon(true);
			return thread;
		});
		long millis = this.interval.toMillis();
		executor.scheduleWithFixedDelay(this::purge, millis, millis, TimeUnit.MILLISECONDS);
		this.executor = executor;
	}

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

	void purge() {
		try {
			OptionalLong removed = this.engine.clearExpired();
			if (removed.isEmpty()) {
				logger.info("The session engine expires sessions by itself; stopping the scheduled purge");
				stop();
			}
			else if (removed.getAsLong() > 0) {
				logger.info("Removed " + removed.getAsLong() + " expired session(s)");
			}
		}
		catch (SessionStoreUnavailableException ex) {
			// an outage, not a defect: its message says enough
			logger.warn("Purging expired sessions failed; trying again in " + this.interval + ": " + ex.getMessage());
		}
		catch (RuntimeException ex) {
			logger.warn("Purging expired sessions failed; trying again in " + this.interval, ex);
		}
	}

}
