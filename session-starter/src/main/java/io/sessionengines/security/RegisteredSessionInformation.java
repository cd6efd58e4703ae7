package io.sessionengines.security;

import java.util.Date;

import io.sessionengines.registry.RegisteredSession;

import org.springframework.security.core.session.SessionInformation;

/**
 * A registered session as Spring Security sees it: its id is the session's opaque
 * registry id (never its key), and {@link #expireNow()} ends the session for good, on
 * every instance, instead of only marking it.
 *
 * @author Session Engines contributors
 * @since 0.3.0
 */
public final class RegisteredSessionInformation extends SessionInformation {

	private static final long serialVersionUID = 1L;

	private final transient RegisteredSession session;

	private final transient Runnable end;

	RegisteredSessionInformation(RegisteredSession session, Runnable end) {
		super(session.principal(), session.id(), Date.from(session.lastSeenAt()));
		this.session = session;
		this.end = end;
	}

	/**
	 * Return the registered session, with when it was created and logged in, its user
	 * agent and its client address.
	 * @return the registered session
	 */
	public RegisteredSession getRegisteredSession() {
		return this.session;
	}

	@Override
	public void expireNow() {
		super.expireNow();
		this.end.run();
	}

}
