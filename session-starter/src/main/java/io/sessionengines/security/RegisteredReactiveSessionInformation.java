package io.sessionengines.security;

import io.sessionengines.registry.RegisteredSession;
import reactor.core.publisher.Mono;

import org.springframework.security.core.session.ReactiveSessionInformation;

/**
 * A registered session as Spring Security's reactive concurrent-session control sees it:
 * its id is the session's opaque registry id (never its key), its last access is when the
 * registry last saw it, and {@link #invalidate()} ends the session for good, on every
 * instance (or, during a login's check, records it to be ended with the login's
 * registration).
 *
 * @author Session Engines contributors
 * @since 0.4.0
 */
public final class RegisteredReactiveSessionInformation extends ReactiveSessionInformation {

	private static final long serialVersionUID = 1L;

	private final transient RegisteredSession session;

	private final transient Mono<Void> end;

	RegisteredReactiveSessionInformation(RegisteredSession session, Mono<Void> end) {
		super(session.principal(), session.id(), session.lastSeenAt());
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
	public Mono<Void> invalidate() {
		return super.invalidate().then(this.end);
	}

}
