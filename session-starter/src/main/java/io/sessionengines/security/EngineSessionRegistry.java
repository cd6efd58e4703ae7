package io.sessionengines.security;

import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.sessionengines.registry.PrincipalSessions;
import io.sessionengines.registry.RegisteredSession;
import io.sessionengines.registry.UserSessions;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.util.Assert;

/**
 * Spring Security's {@link SessionRegistry} on the registry of each user's sessions
 * ({@link UserSessions}), on every engine and shared by every instance that shares the
 * registry's store.
 * <p>
 * What differs from Spring Security's in-memory registry, and why:
 * <ul>
 * <li>A session's {@link SessionInformation#getSessionId() id} is its opaque registry id,
 * never its key, and {@link SessionInformation#expireNow() expireNow()} ends the session
 * at once, everywhere.</li>
 * <li>Sessions are registered when they are saved logged in, by the
 * {@link io.sessionengines.web.SessionRegistrar}, or atomically with the
 * concurrent-session check by {@link AtomicConcurrentSessionControlStrategy}; so
 * {@link #registerNewSession} and {@link #refreshLastRequest} do nothing.</li>
 * <li>{@link #getSessionInformation} answers {@code null} for a session key, which is
 * what Spring Security's {@code ConcurrentSessionFilter} asks for on every request: an
 * ended session is already gone (deleted, or its signed cookie revoked), so the filter
 * has nothing to do, and no request pays a store round trip for it.</li>
 * <li>{@link #getAllPrincipals()} is empty: listing every user cannot be done in bounded
 * memory.</li>
 * </ul>
 *
 * @author Session Engines contributors
 * @since 0.3.0
 */
public final class EngineSessionRegistry implements SessionRegistry {

	private final UserSessions userSessions;

	private final ThreadLocal<LoginCheck> loginChecks = new ThreadLocal<>();

	/**
	 * Create the registry.
	 * @param userSessions the registry of each user's sessions
	 */
	public EngineSessionRegistry(UserSessions userSessions) {
		Assert.notNull(userSessions, "'userSessions' must not be null");
		this.userSessions = userSessions;
	}

	@Override
	public List<Object> getAllPrincipals() {
		return List.of();
	}

	@Override
	public List<SessionInformation> getAllSessions(Object principal, boolean includeExpiredSessions) {
		String name = nameOf(principal);
		LoginCheck check = this.loginChecks.get();
		if (check != null && check.principal.equals(name)) {
			return check.sessions();
		}
		List<SessionInformation> sessions = new ArrayList<>();
		for (RegisteredSession session : this.userSessions.list(name)) {
			sessions.add(new RegisteredSessionInformation(session, () -> this.userSessions.end(session.id())));
		}
		return sessions;
	}

	@Override
	public @Nullable SessionInformation getSessionInformation(String sessionId) {
		RegisteredSession session = this.userSessions.find(sessionId);
		return (session != null) ? new RegisteredSessionInformation(session, () -> this.userSessions.end(session.id()))
				: null;
	}

	@Override
	public void refreshLastRequest(String sessionId) {
		// the session tracker records activity, at most once a minute
	}

	@Override
	public void registerNewSession(String sessionId, Object principal) {
		// sessions are registered when they are saved logged in
	}

	@Override
	public void removeSessionInformation(String sessionId) {
		this.userSessions.end(sessionId);
	}

	/**
	 * Start checking a login against a user's sessions on this thread: until
	 * {@link #endLoginCheck()}, {@link #getAllSessions} answers for that user with the
	 * sessions read now, and {@code expireNow()} on them only records which to end, so
	 * that the check and the login's registration can be made one atomic step.
	 * @param principal the user's name
	 * @param currentId the registry id of the session logging in, when it is already
	 * registered for that user: it does not count against the limit
	 * @return the check
	 */
	LoginCheck beginLoginCheck(String principal, @Nullable String currentId) {
		PrincipalSessions found = this.userSessions.sessionsOf(principal);
		LoginCheck check = new LoginCheck(principal, found.version());
		for (RegisteredSession session : found.sessions()) {
			if (!session.id().equals(currentId)) {
				check.sessions.add(new RegisteredSessionInformation(session, () -> check.endIds.add(session.id())));
			}
		}
		this.loginChecks.set(check);
		return check;
	}

	void endLoginCheck() {
		this.loginChecks.remove();
	}

	UserSessions getUserSessions() {
		return this.userSessions;
	}

	/**
	 * Return a principal's name as Spring Security's authentications do.
	 * @param principal the principal
	 * @return its name
	 */
	static String nameOf(Object principal) {
		if (principal instanceof UserDetails user) {
			return user.getUsername();
		}
		if (principal instanceof AuthenticatedPrincipal authenticated) {
			return authenticated.getName();
		}
		if (principal instanceof Principal named) {
			return named.getName();
		}
		return principal.toString();
	}

	/**
	 * A login's check against its user's sessions.
	 */
	static final class LoginCheck {

		private final String principal;

		private final long version;

		private final List<SessionInformation> sessions = new ArrayList<>();

		private final Set<String> endIds = new LinkedHashSet<>();

		private LoginCheck(String principal, long version) {
			this.principal = principal;
			this.version = version;
		}

		long version() {
			return this.version;
		}

		Set<String> endIds() {
			return this.endIds;
		}

		private List<SessionInformation> sessions() {
			// a copy each time: the strategy sorts the list it gets
			return new ArrayList<>(this.sessions);
		}

	}

}
