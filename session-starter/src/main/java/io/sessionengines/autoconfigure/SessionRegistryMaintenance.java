package io.sessionengines.autoconfigure;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

import io.sessionengines.engine.SessionStoreUnavailableException;
import io.sessionengines.registry.RevocationList;
import io.sessionengines.registry.SessionRegistryStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The registry's background work, on one daemon thread: reading the signed-cookie
 * sessions other instances ended ({@code session.registry.revocation-refresh}), when the
 * revocations are shared, and removing expired entries from the registry's store
 * ({@code session.registry.purge-interval}). The revocations are read once before the
 * application serves requests.
 *
 * @author Session Engines contributors
 */
class SessionRegistryMaintenance extends BackgroundScheduler {

	private static final Log logger = LogFactory.getLog(SessionRegistryMaintenance.class);

	private final SessionRegistryStore store;

	private final RevocationList revocations;

	private final @Nullable Duration refreshInterval;

	private final Duration purgeInterval;

	SessionRegistryMaintenance(SessionRegistryStore store, RevocationList revocations,
			@Nullable Duration refreshInterval, Duration purgeInterval) {
		super("session-registry");
		this.store = store;
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
			long removed = this.store.purgeExpired();
			if (removed > 0) {
				logger.debug("Removed " + removed + " expired session registry entries");
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
