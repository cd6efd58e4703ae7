package io.sessionengines.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.util.Assert;

/**
 * This process's copy of the ended signed-cookie sessions, so that a request checks its
 * cookie against memory, never against the store: the revocations this process makes
 * count at once, and those of other processes once {@link #refresh()} has read them from
 * the shared {@link SessionRegistryStore}. How often it runs bounds how long a session
 * ended elsewhere stays usable here.
 * <p>
 * Each refresh reads the revocations made since the previous one began, less
 * {@link #LOOKBACK}, so that one made by a process whose clock is behind is not missed.
 *
 * @author Session Engines contributors
 * @since 0.3.0
 */
public final class RevocationList {

	/**
	 * How far before the previous refresh each refresh looks: longer than the clocks of
	 * two servers may differ.
	 */
	public static final Duration LOOKBACK = Duration.ofMinutes(2);

	private final SessionRegistryStore store;

	private final Clock clock;

	private final Map<String, Instant> revoked = new ConcurrentHashMap<>();

	private volatile Instant readSince = Instant.EPOCH;

	/**
	 * Create a list; it holds nothing until the first {@link #refresh()}.
	 * @param store the store that holds every process's revocations
	 * @param clock the time source that decides which revocations have lapsed
	 */
	public RevocationList(SessionRegistryStore store, Clock clock) {
		Assert.notNull(store, "'store' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		this.store = store;
		this.clock = clock;
	}

	/**
	 * Return whether a session was ended.
	 * @param id the session's registry id
	 * @return whether it is revoked
	 */
	public boolean isRevoked(String id) {
		Instant until = this.revoked.get(id);
		return until != null && until.isAfter(this.clock.instant());
	}

	/**
	 * Revoke a session in the store and in this list.
	 * @param revocation the revocation
	 */
	public void revoke(Revocation revocation) {
		this.store.revoke(revocation.id(), revocation.until());
		this.revoked.merge(revocation.id(), revocation.until(), (a, b) -> a.isAfter(b) ? a : b);
	}

	/**
	 * Read the revocations other processes made since the last refresh, and forget those
	 * that have lapsed.
	 * @throws io.sessionengines.engine.SessionStoreUnavailableException if the store
	 * cannot be reached; the list keeps what it holds
	 */
	public void refresh() {
		Instant started = this.clock.instant();
		Instant since = this.readSince;
		for (Revocation revocation : this.store.revocations(since)) {
			this.revoked.merge(revocation.id(), revocation.until(), (a, b) -> a.isAfter(b) ? a : b);
		}
		this.readSince = started.minus(LOOKBACK);
		this.revoked.values().removeIf((until) -> !until.isAfter(started));
	}

	/**
	 * Return how many revocations the list holds.
	 * @return the number of revocations
	 */
	public int size() {
		return this.revoked.size();
	}

}
