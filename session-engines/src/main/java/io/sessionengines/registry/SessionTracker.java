package io.sessionengines.registry;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.SessionKeyHash;
import io.sessionengines.engine.SessionStoreUnavailableException;
import io.sessionengines.session.SessionListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Keeps the registry in step with the registered sessions as requests use them: a session
 * whose registry id was revoked loads as no session; a session saved under a new key (a
 * login's {@code cycle_key}, or its first save) has its key recorded, or is deleted at
 * once if it was ended meanwhile; a logout ends the session; and a session's activity and
 * expiry are recorded at most once a minute per process.
 * <p>
 * So an ordinary request of a logged-in user costs the registry nothing but a lookup in
 * memory, except once a minute.
 *
 * @author Session Engines contributors
 * @since 0.3.0
 */
public final class SessionTracker implements SessionListener {

	/**
	 * How many sessions the memory of recent refreshes may hold before refreshes that are
	 * due anyway are forgotten.
	 */
	private static final int MAX_REMEMBERED = 100_000;

	private static final Log logger = LogFactory.getLog(SessionTracker.class);

	private final SessionRegistryStore store;

	private final UserSessions userSessions;

	private final SessionEngine engine;

	private final SessionExpiry expiry;

	private final RevocationList revocations;

	private final Map<String, Refreshed> refreshed = new ConcurrentHashMap<>();

	/**
	 * Create a tracker.
	 * @param store where the registry keeps the sessions
	 * @param userSessions the registry's API, which ends sessions
	 * @param engine the engine that stores the sessions
	 * @param expiry the expiry rules, for the time
	 * @param revocations this process's list of ended signed-cookie sessions
	 */
	public SessionTracker(SessionRegistryStore store, UserSessions userSessions, SessionEngine engine,
			SessionExpiry expiry, RevocationList revocations) {
		Assert.notNull(store, "'store' must not be null");
		Assert.notNull(userSessions, "'userSessions' must not be null");
		Assert.notNull(engine, "'engine' must not be null");
		Assert.notNull(expiry, "'expiry' must not be null");
		Assert.notNull(revocations, "'revocations' must not be null");
		this.store = store;
		this.userSessions = userSessions;
		this.engine = engine;
		this.expiry = expiry;
		this.revocations = revocations;
	}

	@Override
	public boolean loaded(String key, Map<String, @Nullable Object> data) {
		String id = registryId(data);
		if (id == null) {
			return true;
		}
		if (this.revocations.isRevoked(id)) {
			return false;
		}
		Instant now = this.userSessions.now();
		Refreshed last = this.refreshed.get(id);
		if (last != null && now.isBefore(last.seenAt.plus(UserSessions.REFRESH_INTERVAL))) {
			return true;
		}
		Boolean registered = update(id, null, now, null);
		if (registered == null || registered) {
			return true;
		}
		if (this.store.isInProcess() && data.get(UserSessions.PRINCIPAL_KEY) instanceof String principal) {
			// a store in memory forgets its entries when the process stops: the session
			// was forgotten, not ended (ending it would have deleted or revoked it)
			Instant forgetAt = SessionExpiry.plus(now, this.expiry.getCookieAge()).plus(UserSessions.REFRESH_INTERVAL);
			this.store.register(
					new RegisteredSession(id, UserSessions.storedName(principal),
							this.engine.isKeyPayload() ? null : key, now, now, now, forgetAt, null, null),
					SessionRegistryStore.ANY_VERSION, List.of());
			remember(id, now, forgetAt);
			return true;
		}
		ended(id, key);
		return false;
	}

	@Override
	public void saved(@Nullable String previousKey, String key, Map<String, @Nullable Object> data, Instant expiresAt) {
		String id = registryId(data);
		if (id == null) {
			return;
		}
		Instant now = this.userSessions.now();
		Instant forgetAt = UserSessions.millis(expiresAt).plus(UserSessions.REFRESH_INTERVAL);
		boolean newKey = !this.engine.isKeyPayload() && !key.equals(previousKey);
		if (newKey) {
			// the registry must know the key the session lives under now, or ending it
			// would miss it: a failure to record it fails the save
			if (this.store.update(id, key, now, forgetAt)) {
				remember(id, now, forgetAt);
			}
			else {
				ended(id, key);
			}
			return;
		}
		Refreshed last = this.refreshed.get(id);
		// the registry forgets a session a minute after the session expires: a save that
		// moves the expiry by less than that leaves the recorded time late enough
		if (last != null && now.isBefore(last.seenAt.plus(UserSessions.REFRESH_INTERVAL))
				&& !forgetAt.isAfter(last.forgetAt.plus(UserSessions.REFRESH_INTERVAL))) {
			return;
		}
		if (Boolean.FALSE.equals(update(id, null, now, forgetAt))) {
			ended(id, key);
		}
	}

	@Override
	public void flushed(String key, Map<String, @Nullable Object> data) {
		String id = registryId(data);
		if (id == null) {
			return;
		}
		this.refreshed.remove(id);
		// a copy of a signed cookie taken before the logout must not log anyone in
		this.userSessions.forget(id);
	}

	/**
	 * Record a session's activity, and its expiry when given. A store that does not
	 * answer does not fail the request: the refresh is tried again on a later one.
	 * @return whether the session is still registered, or {@code null} when the store did
	 * not answer
	 */
	private @Nullable Boolean update(String id, @Nullable String key, Instant now, @Nullable Instant forgetAt) {
		Refreshed last = this.refreshed.get(id);
		try {
			if (!this.store.update(id, key, now, forgetAt)) {
				this.refreshed.remove(id);
				return false;
			}
		}
		catch (SessionStoreUnavailableException ex) {
			logger.warn("Could not record the activity of a registered session: " + ex.getMessage());
			return null;
		}
		remember(id, now, (forgetAt != null) ? forgetAt : (last != null) ? last.forgetAt : now);
		return true;
	}

	/**
	 * A session whose registration is gone was ended, possibly while this request used
	 * it: it must not live on, under whatever key it has now.
	 */
	private void ended(String id, String key) {
		this.refreshed.remove(id);
		logger.debug("Session " + SessionKeyHash.of(key) + " was ended");
		this.userSessions.terminate(id, key);
	}

	private void remember(String id, Instant seenAt, Instant forgetAt) {
		if (this.refreshed.size() >= MAX_REMEMBERED) {
			// entries older than the interval only say that a refresh is due anyway
			Instant due = seenAt.minus(UserSessions.REFRESH_INTERVAL);
			this.refreshed.values().removeIf((entry) -> entry.seenAt.isBefore(due));
		}
		this.refreshed.put(id, new Refreshed(seenAt, forgetAt));
	}

	private static @Nullable String registryId(Map<String, @Nullable Object> data) {
		return (data.get(UserSessions.ID_KEY) instanceof String id) ? id : null;
	}

	/**
	 * What this process last recorded of a session.
	 */
	private record Refreshed(Instant seenAt, Instant forgetAt) {

	}

}
