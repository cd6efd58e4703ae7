package io.sessionengines.autoconfigure;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;

import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionStoreUnavailableException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Deletes expired sessions in the background at a fixed interval
 * ({@code session.purge-interval}), on one daemon thread. The engines purge in bounded
 * batches, so a large backlog never holds a long lock. It stops by itself on an engine
 * whose storage expires sessions on its own.
 *
 * @author Session Engines contributors
 */
class SessionPurgeScheduler extends BackgroundScheduler {

	private static final Log logger = LogFactory.getLog(SessionPurgeScheduler.class);

	private final SessionEngine engine;

	private final Duration interval;

	SessionPurgeScheduler(SessionEngine engine, Duration interval) {
		super("session-purge");
		this.engine = engine;
		this.interval = interval;
	}

	@Override
	protected void schedule(ScheduledExecutorService executor) {
		repeat(executor, this::purge, this.interval);
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
