package io.sessionengines.registry;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A {@link SessionRegistryStore} in this process's memory, for an application that runs
 * as one instance: it needs no server, and other instances do not see it.
 * <p>
 * Expired sessions are removed by {@link #removeExpired(int)}, lapsed revocations by
 * {@link #purgeExpired()}.
 *
 * @author Session Engines contributors
 * @since 0.3.0
 */
public final class InMemorySessionRegistryStore implements SessionRegistryStore {

	/**
	 * Newest first, then by id, so that the order is total.
	 */
	static final Comparator<RegisteredSession> NEWEST_FIRST = Comparator
		.comparing(RegisteredSession::createdAt, Comparator.reverseOrder())
		.thenComparing(RegisteredSession::id);

	private final Clock clock;

	private final Object lock = new Object();

	private final Map<String, UserEntry> users = new HashMap<>();

	private final Map<String, RegisteredSession> sessions = new HashMap<>();

	private final Map<String, StoredRevocation> revocations = new HashMap<>();

	/**
	 * The last version given to a user's sessions: versions come from one counter, so
	 * that a user whose sessions were all removed, and who is then forgotten, never gets
	 * a version back that a login saw before.
	 */
	private long lastVersion;

	/**
	 * Create a store.
	 * @param clock the time source that decides what has expired
	 */
	public InMemorySessionRegistryStore(Clock clock) {
		Assert.notNull(clock, "'clock' must not be null");
		this.clock = clock;
	}

	@Override
	public PrincipalSessions find(String principal, int limit) {
		Assert.isTrue(limit > 0, "'limit' must be positive");
		synchronized (this.lock) {
			UserEntry user = this.users.get(principal);
			if (user == null) {
				return new PrincipalSessions(0, List.of());
			}
			Instant now = this.clock.instant();
			return new PrincipalSessions(user.version, liveSessions(user, now).stream().limit(limit).toList());
		}
	}

	@Override
	public @Nullable RegisteredSession findById(String id) {
		synchronized (this.lock) {
			RegisteredSession session = this.sessions.get(id);
			return (session != null && isLive(session, this.clock.instant())) ? session : null;
		}
	}

	@Override
	public @Nullable List<RegisteredSession> register(RegisteredSession session, long expectedVersion,
			Collection<String> removeIds) {
		synchronized (this.lock) {
			UserEntry existing = this.users.get(session.principal());
			long version = (existing != null) ? existing.version : 0;
			if (expectedVersion != ANY_VERSION && expectedVersion != version) {
				return null;
			}
			Instant now = this.clock.instant();
			List<RegisteredSession> removed = new ArrayList<>();
			for (String id : removeIds) {
				if (existing != null && !id.equals(session.id()) && existing.ids.contains(id)) {
					RegisteredSession gone = forget(id);
					if (gone != null && isLive(gone, now)) {
						removed.add(gone);
					}
				}
			}
			forget(session.id());
			UserEntry user = this.users.computeIfAbsent(session.principal(), (principal) -> new UserEntry());
			this.sessions.put(session.id(), session);
			user.ids.add(session.id());
			user.version = ++this.lastVersion;
			return removed;
		}
	}

	@Override
	public @Nullable RegisteredSession remove(String id) {
		synchronized (this.lock) {
			RegisteredSession removed = forget(id);
			return (removed != null && isLive(removed, this.clock.instant())) ? removed : null;
		}
	}

	@Override
	public List<RegisteredSession> removeAll(String principal, @Nullable String exceptId) {
		synchronized (this.lock) {
			UserEntry user = this.users.get(principal);
			if (user == null) {
				return List.of();
			}
			Instant now = this.clock.instant();
			List<RegisteredSession> removed = new ArrayList<>();
			for (String id : List.copyOf(user.ids)) {
				if (!id.equals(exceptId)) {
					RegisteredSession gone = forget(id);
					if (gone != null && isLive(gone, now)) {
						removed.add(gone);
					}
				}
			}
			return removed;
		}
	}

	@Override
	public boolean update(String id, @Nullable String key, Instant lastSeenAt, @Nullable Instant expiresAt) {
		synchronized (this.lock) {
			RegisteredSession session = this.sessions.get(id);
			if (session == null || !isLive(session, this.clock.instant())) {
				return false;
			}
			this.sessions.put(id,
					new RegisteredSession(id, session.principal(), (key != null) ? key : session.key(),
							session.createdAt(), session.authenticatedAt(), lastSeenAt,
							(expiresAt != null) ? expiresAt : session.expiresAt(), session.userAgent(), session.ip()));
			return true;
		}
	}

	@Override
	public void revoke(String id, Instant until) {
		synchronized (this.lock) {
			this.revocations.put(id, new StoredRevocation(new Revocation(id, until), this.clock.instant()));
		}
	}

	@Override
	public List<Revocation> revocations(Instant since) {
		synchronized (this.lock) {
			Instant now = this.clock.instant();
			return this.revocations.values()
				.stream()
				.filter((stored) -> !stored.revokedAt.isBefore(since) && stored.revocation.until().isAfter(now))
				.map(StoredRevocation::revocation)
				.toList();
		}
	}

	@Override
	public boolean isInProcess() {
		return true;
	}

	@Override
	public List<RegisteredSession> removeExpired(int limit) {
		Assert.isTrue(limit > 0, "'limit' must be positive");
		synchronized (this.lock) {
			Instant now = this.clock.instant();
			List<RegisteredSession> removed = new ArrayList<>();
			for (RegisteredSession session : List.copyOf(this.sessions.values())) {
				if (removed.size() == limit) {
					break;
				}
				if (!isLive(session, now)) {
					forget(session.id());
					removed.add(session);
				}
			}
			return removed;
		}
	}

	@Override
	public long purgeExpired() {
		synchronized (this.lock) {
			Instant now = this.clock.instant();
			long purged = 0;
			for (Iterator<StoredRevocation> it = this.revocations.values().iterator(); it.hasNext();) {
				if (!it.next().revocation.until().isAfter(now)) {
					it.remove();
					purged++;
				}
			}
			return purged;
		}
	}

	private List<RegisteredSession> liveSessions(UserEntry user, Instant now) {
		List<RegisteredSession> live = new ArrayList<>();
		for (String id : user.ids) {
			RegisteredSession session = this.sessions.get(id);
			if (session != null && isLive(session, now)) {
				live.add(session);
			}
		}
		live.sort(NEWEST_FIRST);
		return live;
	}

	/**
	 * Drop a session from the store, changing its user's version.
	 */
	private @Nullable RegisteredSession forget(String id) {
		RegisteredSession removed = this.sessions.remove(id);
		if (removed != null) {
			UserEntry user = this.users.get(removed.principal());
			if (user != null) {
				user.ids.remove(id);
				user.version = ++this.lastVersion;
				if (user.ids.isEmpty()) {
					this.users.remove(removed.principal());
				}
			}
		}
		return removed;
	}

	private static boolean isLive(RegisteredSession session, Instant now) {
		return session.expiresAt().isAfter(now);
	}

	private static final class UserEntry {

		private long version;

		private final Set<String> ids = new LinkedHashSet<>();

	}

	private record StoredRevocation(Revocation revocation, Instant revokedAt) {

	}

}
