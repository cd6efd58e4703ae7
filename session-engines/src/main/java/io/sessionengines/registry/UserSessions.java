package io.sessionengines.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.signedcookies.SignedCookieSessionEngine;
import io.sessionengines.session.Session;
import io.sessionengines.session.SessionFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A user's sessions, on any engine: list them, end one, end all but the current one, end
 * all; and register a session when it logs in, optionally within a limit on how many
 * sessions a user may have.
 * <p>
 * A registered session holds its opaque registry id and its user's name under
 * {@value #ID_KEY} and {@value #PRINCIPAL_KEY}. Like the security context, these keys
 * belong to the framework: an application must never let a client write them, or a client
 * could claim another session's id and end it by logging out. Ending a session makes it
 * dead everywhere: a server-side session is deleted from the engine, and a signed-cookie
 * session's id is revoked, so that a replayed copy of its cookie loads as no session (at
 * once in this process, and in others once their {@link RevocationList} has refreshed). A
 * logout ({@link Session#flush()}) ends the session the same way, through the
 * {@link SessionTracker}.
 * <p>
 * Listing reads the store once; so does ending one session, plus one delete or revocation
 * per session ended. Nothing here is called on an ordinary request.
 *
 * @author Session Engines contributors
 * @since 0.3.0
 */
public final class UserSessions {

	/**
	 * The session key that holds a registered session's registry id.
	 */
	public static final String ID_KEY = "_session_registry_id";

	/**
	 * The session key that holds the name of the user a registered session belongs to.
	 */
	public static final String PRINCIPAL_KEY = "_session_registry_principal";

	/**
	 * The most sessions {@link #list} returns, newest first: a user with more is listed
	 * in bounded memory, and the oldest are left out.
	 */
	public static final int MAX_LISTED = 1000;

	/**
	 * How much later than the session the registry forgets it: the registry's expiry is
	 * refreshed at most once per this much, so that it never comes before the session's.
	 */
	static final Duration REFRESH_INTERVAL = Duration.ofMinutes(1);

	/**
	 * The longest user name the registry holds as it is, in characters; a longer one (an
	 * X.509 distinguished name, say) is held as {@code sha256:} and the hexadecimal
	 * SHA-256 of its UTF-8 bytes, which is what {@link RegisteredSession#principal()}
	 * then shows.
	 */
	public static final int MAX_PRINCIPAL_LENGTH = 255;

	private static final int MAX_USER_AGENT_LENGTH = 256;

	private static final int MAX_IP_LENGTH = 64;

	private static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9_-]{22}");

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Log logger = LogFactory.getLog(UserSessions.class);

	private final SessionRegistryStore store;

	private final SessionEngine engine;

	private final SessionExpiry expiry;

	private final RevocationList revocations;

	private SessionEndListener endListener = (session, reason) -> {
	};

	/**
	 * Create the registry's API.
	 * @param store where the registry keeps the sessions
	 * @param engine the engine that stores the sessions, to delete ended ones
	 * @param expiry the expiry rules, whose cookie age bounds how long a signed cookie
	 * can stay valid
	 * @param revocations this process's list of ended signed-cookie sessions
	 */
	public UserSessions(SessionRegistryStore store, SessionEngine engine, SessionExpiry expiry,
			RevocationList revocations) {
		Assert.notNull(store, "'store' must not be null");
		Assert.notNull(engine, "'engine' must not be null");
		Assert.notNull(expiry, "'expiry' must not be null");
		Assert.notNull(revocations, "'revocations' must not be null");
		this.store = store;
		this.engine = engine;
		this.expiry = expiry;
		this.revocations = revocations;
	}

	/**
	 * Set what is told of each session this registry ends; nothing by default.
	 * @param endListener the listener
	 */
	public void setEndListener(SessionEndListener endListener) {
		Assert.notNull(endListener, "'endListener' must not be null");
		this.endListener = endListener;
	}

	/**
	 * Return a user's live sessions, newest first, at most {@link #MAX_LISTED}.
	 * @param principal the user's name
	 * @return the sessions
	 */
	public List<RegisteredSession> list(String principal) {
		return sessionsOf(principal).sessions();
	}

	/**
	 * Return a user's live sessions with the version a limited {@link #register} checks.
	 * @param principal the user's name
	 * @return the sessions and their version
	 */
	public PrincipalSessions sessionsOf(String principal) {
		return this.store.find(storedName(principal), MAX_LISTED);
	}

	/**
	 * Return a live session by its registry id, whoever it belongs to, as an
	 * administrator may.
	 * @param id the registry id, which may be malformed
	 * @return the session, or {@code null} when there is none
	 */
	public @Nullable RegisteredSession find(String id) {
		return isWellFormed(id) ? this.store.findById(id) : null;
	}

	/**
	 * Return a user's live session by its registry id.
	 * @param principal the user's name
	 * @param id the registry id, which may be malformed
	 * @return the session, or {@code null} when it is not one of the user's live sessions
	 */
	public @Nullable RegisteredSession find(String principal, String id) {
		RegisteredSession session = find(id);
		return (session != null && session.principal().equals(storedName(principal))) ? session : null;
	}

	/**
	 * Return the registry id of a session, when it is registered.
	 * @param session the session, which this reads
	 * @return the id, or {@code null}
	 */
	public static @Nullable String idOf(Session session) {
		return (session.get(ID_KEY) instanceof String id) ? id : null;
	}

	/**
	 * Return the user a session is registered for.
	 * @param session the session, which this reads
	 * @return the user's name, or {@code null} when the session is not registered
	 */
	public static @Nullable String principalOf(Session session) {
		return (session.get(PRINCIPAL_KEY) instanceof String principal) ? principal : null;
	}

	/**
	 * End one of a user's sessions.
	 * @param principal the user's name
	 * @param id the registry id, which may be malformed or another user's
	 * @return whether a live session of the user was ended; {@code false} for another
	 * user's session, which is left alone
	 */
	public boolean end(String principal, String id) {
		RegisteredSession session = find(principal, id);
		return session != null && end(session.id()) != null;
	}

	/**
	 * End a session, whoever it belongs to, as an administrator may.
	 * @param id the registry id, which may be malformed
	 * @return the session ended, or {@code null} when there was no such live session
	 */
	public @Nullable RegisteredSession end(String id) {
		if (!isWellFormed(id)) {
			return null;
		}
		RegisteredSession removed = this.store.remove(id);
		if (removed != null) {
			terminate(removed.id(), removed.key());
			this.endListener.ended(removed, SessionEndListener.Reason.ENDED);
		}
		return removed;
	}

	/**
	 * End every session of a user but the current one, as after a password change.
	 * @param principal the user's name
	 * @param current the request's session, which is kept; it need not be registered
	 * @return how many sessions were ended
	 */
	public int endOthers(String principal, Session current) {
		String id = principal.equals(principalOf(current)) ? idOf(current) : null;
		return terminateAll(this.store.removeAll(storedName(principal), id));
	}

	/**
	 * End every session of a user, as when the account is disabled.
	 * @param principal the user's name
	 * @return how many sessions were ended
	 */
	public int endAll(String principal) {
		return terminateAll(this.store.removeAll(storedName(principal), null));
	}

	/**
	 * Remove sessions that have expired from the registry, and tell the end listener of
	 * each, as the registry's upkeep does: of several instances that do it at once, each
	 * expired session is reported by one.
	 * @param limit the most sessions to remove, positive
	 * @return how many were removed; fewer than {@code limit} means none was left
	 */
	public int removeExpired(int limit) {
		List<RegisteredSession> expired = this.store.removeExpired(limit);
		for (RegisteredSession session : expired) {
			this.endListener.ended(session, SessionEndListener.Reason.EXPIRED);
		}
		return expired.size();
	}

	/**
	 * Register a session that has just logged in, with no limit on the user's sessions.
	 * @param session the session, which gets a new registry id
	 * @param principal the user's name
	 * @param userAgent the request's {@code User-Agent}, or {@code null}
	 * @param ip the request's client address, or {@code null}
	 * @return the registered session
	 */
	public RegisteredSession register(Session session, String principal, @Nullable String userAgent,
			@Nullable String ip) {
		RegisteredSession registered = register(session, principal, userAgent, ip, SessionRegistryStore.ANY_VERSION,
				List.of());
		Assert.state(registered != null, "A registration that checks no version succeeds");
		return registered;
	}

	/**
	 * Register a session that has just logged in and end some of the user's other
	 * sessions, in one atomic step, if the user's sessions are still those that
	 * {@link #sessionsOf} found: the way to keep a limit on a user's sessions when logins
	 * race.
	 * @param session the session, which gets a new registry id
	 * @param principal the user's name
	 * @param userAgent the request's {@code User-Agent}, or {@code null}
	 * @param ip the request's client address, or {@code null}
	 * @param expectedVersion the version {@link #sessionsOf} returned, or
	 * {@link SessionRegistryStore#ANY_VERSION}
	 * @param endIds the registry ids of the user's sessions to end
	 * @return the registered session, or {@code null} when the user's sessions changed
	 * meanwhile and nothing was done: look again and retry
	 */
	public @Nullable RegisteredSession register(Session session, String principal, @Nullable String userAgent,
			@Nullable String ip, long expectedVersion, Collection<String> endIds) {
		Assert.hasText(principal, "'principal' must not be empty");
		String previousId = idOf(session);
		String previousPrincipal = principalOf(session);
		Instant now = now();
		RegisteredSession registered = new RegisteredSession(newId(), storedName(principal), keyOf(session),
				createdAt(session, now), now, now, millis(session.getExpiryDate()).plus(REFRESH_INTERVAL),
				clean(userAgent, MAX_USER_AGENT_LENGTH), clean(ip, MAX_IP_LENGTH));
		List<String> removeIds = new ArrayList<>(endIds);
		boolean sameUser = principal.equals(previousPrincipal);
		if (previousId != null && sameUser) {
			// the session logs in again as the same user: its old registration goes in
			// the same step, as the session itself lives on
			removeIds.add(previousId);
		}
		List<RegisteredSession> removed = this.store.register(registered, expectedVersion, removeIds);
		if (removed == null) {
			return null;
		}
		for (RegisteredSession other : removed) {
			if (other.id().equals(previousId)) {
				revokeIfSigned(other.id());
			}
			else {
				terminate(other.id(), other.key());
				this.endListener.ended(other, SessionEndListener.Reason.MAXIMUM_SESSIONS);
			}
		}
		if (previousId != null && !sameUser) {
			forget(previousId);
		}
		session.set(ID_KEY, registered.id());
		session.set(PRINCIPAL_KEY, principal);
		return registered;
	}

	/**
	 * Forget the registration of a session that is no longer logged in but lives on, as
	 * after a logout that keeps the session. A signed-cookie session's old id is revoked,
	 * since copies of its cookie taken while it was logged in still say so.
	 * @param session the session
	 */
	public void unregister(Session session) {
		String id = idOf(session);
		session.pop(ID_KEY);
		session.pop(PRINCIPAL_KEY);
		if (id != null) {
			forget(id);
		}
	}

	/**
	 * Forget the registration of a session that lives on without it, or was deleted
	 * already: a signed cookie's id is revoked, since copies of the cookie still carry
	 * it.
	 * @param id the session's registry id
	 */
	void forget(String id) {
		this.store.remove(id);
		revokeIfSigned(id);
	}

	/**
	 * Make a session that was removed from the store dead: delete it from a server-side
	 * engine, or revoke a signed cookie. A session not yet saved under a key is deleted
	 * when it is: its registration is gone ({@link SessionTracker}).
	 * @param id the session's registry id
	 * @param key the key it lives under, or {@code null} when not known
	 */
	void terminate(String id, @Nullable String key) {
		if (this.engine.isKeyPayload()) {
			revoke(id);
		}
		else if (key != null) {
			this.engine.delete(key);
		}
	}

	/**
	 * Revoke the registry id of a signed-cookie session until any cookie that carries it
	 * has expired anyway.
	 * @param id the session's registry id
	 */
	void revoke(String id) {
		Duration validity = this.expiry.getCookieAge().plus(SignedCookieSessionEngine.MAX_CLOCK_SKEW);
		this.revocations.revoke(new Revocation(id, SessionExpiry.plus(this.expiry.now(), validity)));
	}

	/**
	 * Return the time, to the millisecond, as every store keeps it.
	 * @return the time, truncated to milliseconds
	 */
	Instant now() {
		return millis(this.expiry.now());
	}

	static Instant millis(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MILLIS);
	}

	private void revokeIfSigned(String id) {
		if (this.engine.isKeyPayload()) {
			revoke(id);
		}
	}

	private int terminateAll(List<RegisteredSession> removed) {
		for (RegisteredSession session : removed) {
			terminate(session.id(), session.key());
			this.endListener.ended(session, SessionEndListener.Reason.ENDED);
		}
		if (!removed.isEmpty() && logger.isDebugEnabled()) {
			logger.debug("Ended " + removed.size() + " session(s) of a user");
		}
		return removed.size();
	}

	private @Nullable String keyOf(Session session) {
		// only a live key is worth holding: a new session is registered under its key
		// when it is first saved
		session.ensureLoaded();
		return this.engine.isKeyPayload() ? null : session.getSessionKey();
	}

	private static Instant createdAt(Session session, Instant now) {
		if (session.get(SessionFactory.CREATED_KEY) instanceof String created) {
			Instant createdAt = SessionExpiry.parse(created);
			if (createdAt != null && !createdAt.isAfter(now)) {
				return createdAt;
			}
		}
		return now;
	}

	/**
	 * Return the name under which the registry holds a user: the name itself, or its
	 * digest when it is longer than {@link #MAX_PRINCIPAL_LENGTH}.
	 * @param principal the user's name
	 * @return the name the registry holds
	 */
	static String storedName(String principal) {
		if (principal.length() <= MAX_PRINCIPAL_LENGTH) {
			return principal;
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(principal.getBytes(StandardCharsets.UTF_8));
			return "sha256:" + HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	static boolean isWellFormed(@Nullable String id) {
		return id != null && ID_PATTERN.matcher(id).matches();
	}

	private static String newId() {
		byte[] random = new byte[16];
		RANDOM.nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

	/**
	 * Keep what a client sent within bounds: no control characters, a bounded length.
	 */
	private static @Nullable String clean(@Nullable String value, int maxLength) {
		if (value == null) {
			return null;
		}
		StringBuilder cleaned = new StringBuilder(Math.min(value.length(), maxLength));
		for (int i = 0; i < value.length() && cleaned.length() < maxLength; i++) {
			char c = value.charAt(i);
			if (!Character.isISOControl(c) && !Character.isSurrogate(c)) {
				cleaned.append(c);
			}
		}
		String result = cleaned.toString().strip();
		return result.isEmpty() ? null : result;
	}

}
