package io.sessionengines.actuate;

import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionStoreUnavailableException;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.util.Assert;

/**
 * Reports whether the session engine's store can be used: the database reachable, Redis
 * reachable, the session directory writable.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public class SessionStoreHealthIndicator extends AbstractHealthIndicator {

	private final SessionEngine engine;

	private final String engineName;

	/**
	 * Create a health indicator.
	 * @param engine the engine
	 * @param engineName the engine's name, shown in the details
	 */
	public SessionStoreHealthIndicator(SessionEngine engine, String engineName) {
		super("Session store health check failed");
		Assert.notNull(engine, "'engine' must not be null");
		this.engine = engine;
		this.engineName = engineName;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("engine", this.engineName);
		try {
			this.engine.checkAvailability();
			builder.up();
		}
		catch (SessionStoreUnavailableException ex) {
			// an outage is what this indicator reports, not a failure of the check: no
			// stack trace in the log on every probe
			builder.down().withDetail("error", ex.getMessage());
		}
	}

}
