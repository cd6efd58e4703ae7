package io.sessionengines.events;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A logged-in session expired: the registry's upkeep found it expired and removed it
 * ({@code session.registry.purge-interval}, a minute by default, bounds how late). Each
 * expiry is published once, by the instance whose upkeep removed the session, however
 * many instances share the registry. The session is named by its registry id and its data
 * is not known (it is wherever the session was stored).
 *
 * @author Session Engines contributors
 * @since 0.3.0
 */
public class SessionExpiredEvent extends SessionEvent {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an event.
	 * @param source what published it
	 * @param sessionId the session's registry id
	 * @param principal the user the session was logged in as
	 * @param attributes what the session held, when known
	 */
	public SessionExpiredEvent(Object source, String sessionId, @Nullable String principal,
			Map<String, @Nullable Object> attributes) {
		super(source, sessionId, principal, attributes);
	}

}
