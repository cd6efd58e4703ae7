package io.sessionengines.registry;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import io.sessionengines.engine.SessionStoreUnavailableException;
import org.jspecify.annotations.Nullable;

/**
 * Where the registry keeps each user's live sessions, and the ids of ended signed-cookie
 * sessions.
 * <p>
 * A user's sessions have a version that every {@link #register} and removal changes, so
 * that a login can check a concurrent-session limit against the sessions it saw and add
 * itself in one atomic step: of two logins racing for a user's last free place, one
 * succeeds and the other finds the version changed and looks again. Refreshing a
 * session's key or activity ({@link #update}) leaves the version alone.
 * <p>
 * A store forgets a session at its {@link RegisteredSession#expiresAt()} and a revocation
 * at its {@link Revocation#until()}; until then it never answers with expired ones.
 * Removing is atomic too: of two callers that remove one session, one gets it and the
 * other {@code null}, so that what follows an end happens once. Implementations throw
 * {@link SessionStoreUnavailableException} when the store cannot be reached, and must be
 * thread-safe.
 *
 * @author Session Engines contributors
 * @since 0.3.0
 */
public interface SessionRegistryStore {

	/**
	 * The version that {@link #register} takes to skip the check.
	 */
	long ANY_VERSION = -1;

	/**
	 * Return a user's live sessions, newest first (by
	 * {@link RegisteredSession#createdAt()} then id).
	 * @param principal the user's name
	 * @param limit the most sessions to return, positive
	 * @return the sessions and their version
	 */
	PrincipalSessions find(String principal, int limit);

	/**
	 * Return a live session.
	 * @param id the session's registry id
	 * @return the session, or {@code null} when there is none or it has expired
	 */
	@Nullable RegisteredSession findById(String id);

	/**
	 * Add a session to its user's sessions, and remove some of the user's other sessions,
	 * in one atomic step, if the user's sessions still have the given version. A session
	 * with the same id is replaced.
	 * @param session the session to add
	 * @param expectedVersion the version {@link #find} returned, or {@link #ANY_VERSION}
	 * @param removeIds ids of the user's sessions to remove; ids of other users'
	 * sessions, and unknown ids, are ignored
	 * @return the sessions removed, or {@code null} when the version was another one and
	 * nothing changed
	 */
	@Nullable List<RegisteredSession> register(RegisteredSession session, long expectedVersion, Collection<String> removeIds);

	/**
	 * Remove a session.
	 * @param id the session's registry id
	 * @return the session, or {@code null} when there was none: another caller removed
	 * it, or it expired
	 */
	@Nullable RegisteredSession remove(String id);

	/**
	 * Remove all of a user's sessions, or all but one.
	 * @param principal the user's name
	 * @param exceptId the id of the session to keep, or {@code null}
	 * @return the sessions removed
	 */
	List<RegisteredSession> removeAll(String principal, @Nullable String exceptId);

	/**
	 * Record a session's new key, its activity and its new expiry.
	 * @param id the session's registry id
	 * @param key the new key, or {@code null} to keep the one held
	 * @param lastSeenAt when the session was last used
	 * @param expiresAt when the registry forgets it, or {@code null} to keep the time
	 * held
	 * @return {@code false} when the session is no longer registered: it was ended, or it
	 * expired
	 */
	boolean update(String id, @Nullable String key, Instant lastSeenAt, @Nullable Instant expiresAt);

	/**
	 * Remember that a signed-cookie session was ended, until its cookie can no longer be
	 * valid.
	 * @param id the session's registry id
	 * @param until when the revocation may be forgotten
	 */
	void revoke(String id, Instant until);

	/**
	 * Return the revocations made at or after a time that are still in force.
	 * @param since the earliest time of revocation to return
	 * @return the revocations
	 */
	List<Revocation> revocations(Instant since);

	/**
	 * Return whether the store lives in this process's memory, so that it loses its
	 * entries when the process stops: a live session the store does not know was then
	 * forgotten rather than ended, and is registered again.
	 * @return whether the store is in this process; {@code false} by default
	 */
	default boolean isInProcess() {
		return false;
	}

	/**
	 * Remove sessions that have expired and return them: each expired session is returned
	 * by exactly one call, whichever instance makes it, so that its expiry is reported
	 * once. A session whose expiry was extended meanwhile is left alone.
	 * @param limit the most sessions to remove, positive
	 * @return the sessions removed, at most {@code limit}; fewer means none was left
	 * (other instances may have removed some meanwhile)
	 */
	List<RegisteredSession> removeExpired(int limit);

	/**
	 * Remove lapsed revocations and what else the store keeps for itself, for a store
	 * that does not expire entries by itself. Expired sessions are left to
	 * {@link #removeExpired(int)}, which reports each of them.
	 * @return how many entries were removed
	 */
	long purgeExpired();

}
