package io.sessionengines.web;

import io.sessionengines.registry.UserSessions;
import io.sessionengines.session.Session;

import org.springframework.util.Assert;

/**
 * Keeps a session's registration in step with its login when the session is saved: a
 * session saved after a login in this request, or logged in as a user it is not
 * registered for, is registered (again) for that user, with the request's
 * {@code User-Agent} and client address, and its old registry id is ended; a session
 * saved no longer logged in is unregistered. So every login is registered, whatever code
 * logged it in, and a request that changes nothing in the session costs nothing.
 * <p>
 * The client address is the {@link SessionClient#address() address the server sees} (on a
 * servlet container the request's remote address), which honours Spring Boot's
 * {@code server.forward-headers-strategy}; a {@code X-Forwarded-For} header is never read
 * here, as any client can send one.
 *
 * @author Session Engines contributors
 * @since 0.3.0
 */
public final class SessionRegistrar {

	/**
	 * The request attribute that says the request's session was registered for its login
	 * already, as a concurrent-session control does when it checks the login.
	 */
	public static final String REGISTERED_ATTRIBUTE = SessionRegistrar.class.getName() + ".REGISTERED";

	private final UserSessions userSessions;

	private final SessionPrincipalResolver principalResolver;

	/**
	 * Create a registrar.
	 * @param userSessions the registry
	 * @param principalResolver tells which user a session is logged in as
	 */
	public SessionRegistrar(UserSessions userSessions, SessionPrincipalResolver principalResolver) {
		Assert.notNull(userSessions, "'userSessions' must not be null");
		Assert.notNull(principalResolver, "'principalResolver' must not be null");
		this.userSessions = userSessions;
		this.principalResolver = principalResolver;
	}

	/**
	 * Bring a session's registration up to date before it is saved.
	 * @param session the session, loaded, that is about to be saved
	 * @param client the request's client
	 */
	void beforeSave(Session session, SessionClient client) {
		String principal = this.principalResolver.principalOf(session);
		String registered = UserSessions.principalOf(session);
		if (principal != null) {
			// a session registered during this request, by a concurrent-session control,
			// is registered for this login already: registering it again would undo an
			// end
			// that a racing login made meanwhile
			boolean registeredNow = client.registeredDuringRequest() || session.isChanged(UserSessions.ID_KEY);
			if (!registeredNow && (!principal.equals(registered) || this.principalResolver.isNewLogin(session))) {
				this.userSessions.register(session, principal, client.userAgent(), client.address());
			}
		}
		else if (registered != null) {
			this.userSessions.unregister(session);
		}
	}

	/**
	 * Return the registry.
	 * @return the registry
	 */
	public UserSessions getUserSessions() {
		return this.userSessions;
	}

}
