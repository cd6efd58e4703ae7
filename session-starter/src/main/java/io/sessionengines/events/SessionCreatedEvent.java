package io.sessionengines.events;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A new session was saved for the first time: as in Django and unlike the servlet
 * container, a session exists once something is stored in it. Published once per session;
 * moving a session to a new key (a login's {@code cycle_key}) creates none.
 *
 * @author Session Engines contributors
 * @since 0.3.0
 */
public class SessionCreatedEvent extends SessionEvent {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an event.
	 * @param source what published it
	 * @param sessionId the session's id
	 * @param principal the user the session is logged in as, or {@code null}
	 * @param attributes what the session holds
	 */
	public SessionCreatedEvent(Object source, String sessionId, @Nullable String principal,
			Map<String, @Nullable Object> attributes) {
		super(source, sessionId, principal, attributes);
	}

}
