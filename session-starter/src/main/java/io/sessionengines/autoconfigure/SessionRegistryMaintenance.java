package io.sessionengines.autoconfigure;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

import io.sessionengines.engine.SessionStoreUnavailableException;
import io.sessionengines.registry.RevocationList;
import io.sessionengines.registry.SessionRegistryStore;
import io.sessionengines.registry.UserSessions;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The registry's background work, on one daemon thread: reading the signed-cookie
 * sessions other instances ended ({@code session.registry.revocation-refresh}), when the
 * revocations are shared, and removing expired sessions (each reported once, as a
 * {@code SessionExpiredEvent}) and lapsed revocations from the registry's store
 * ({@code session.registry.purge-interval}). The revocations are read once before the
 * application serves requests.
 *
 * @author Session Engines contributors
 */
class SessionRegistryMaintenance extends BackgroundScheduler {

	private static final Log logger = LogFactory.getLog(SessionRegistryMaintenance.class);

	/**
	 * How many expired sessions are removed, and reported, at a time.
	 */
	private static final int EXPIRED_BATCH = 500;

	private final SessionRegistryStore store;

	private final UserSessions userSessions;

	private final RevocationList revocations;

	private final @Nullable Duration refreshInterval;

	private final Duration purgeInterval;

	SessionRegistryMaintenance(SessionRegistryStore store, UserSessions userSessions, RevocationList revocations,
			@Nullable Duration refreshInterval, Duration purgeInterval) {
		super("session-registry");
		this.store = store;
		this.userSessions = userSessions;
		this.revocations = revocations;
		this.refreshInterval = refreshInterval;
		this.purgeInterval = purgeInterval;
	}

	@Override
	protected void schedule(ScheduledExecutorService executor) {
		if (this.refreshInterval != null) {
			refreshRevocations();
			repeat(executor, this::refreshRevocations, this.refreshInterval);
		}
		repeat(executor, this::purge, this.purgeInterval);
	}

	void refreshRevocations() {
		try {
			this.revocations.refresh();
		}
		catch (SessionStoreUnavailableException ex) {
			logger.warn("Reading the ended signed-cookie sessions failed; sessions ended on other instances stay "
					+ "usable here until a refresh succeeds: " + ex.getMessage());
		}
		catch (RuntimeException ex) {
			logger.warn("Reading the ended signed-cookie sessions failed", ex);
		}
	}

	void purge() {
		try {
			long expired = 0;
			int batch;
			do {
				batch = this.userSessions.removeExpired(EXPIRED_BATCH);
				expired += batch;
			}
			while (batch == EXPIRED_BATCH);
			long purged = this.store.purgeExpired();
			if (expired + purged > 0) {
				logger.debug("Removed " + expired + " expired sessions and " + purged
						+ " other entries from the session registry");
			}
		}
		catch (SessionStoreUnavailableException ex) {
			logger.warn("Purging the session registry failed; trying again in " + this.purgeInterval + ": "
					+ ex.getMessage());
		}
		catch (RuntimeException ex) {
			logger.warn("Purging the session registry failed", ex);
		}
	}

}
