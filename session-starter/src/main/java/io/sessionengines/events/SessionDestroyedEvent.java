package io.sessionengines.events;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A session was destroyed: flushed (a logout), ended through {@code UserSessions}, or
 * ended by a login past the limit on its user's sessions. Published once per session, by
 * the instance that destroyed it.
 *
 * @author Session Engines contributors
 * @since 0.3.0
 */
public class SessionDestroyedEvent extends SessionEvent {

	private static final long serialVersionUID = 1L;

	private final Reason reason;

	/**
	 * Create an event.
	 * @param source what published it
	 * @param sessionId the session's id
	 * @param principal the user the session was logged in as, or {@code null}
	 * @param attributes what the session held, when known
	 * @param reason why it was destroyed
	 */
	public SessionDestroyedEvent(Object source, String sessionId, @Nullable String principal,
			Map<String, @Nullable Object> attributes, Reason reason) {
		super(source, sessionId, principal, attributes);
		this.reason = reason;
	}

	/**
	 * Return why the session was destroyed.
	 * @return the reason
	 */
	public Reason getReason() {
		return this.reason;
	}

	/**
	 * Why a session was destroyed.
	 */
	public enum Reason {

		/**
		 * The session was flushed, as a logout or {@code HttpSession.invalidate()} does.
		 */
		LOGOUT,

		/**
		 * The session was ended through {@code UserSessions}: by its user (from another
		 * session), by an administrator, or with all of its user's sessions.
		 */
		ENDED,

		/**
		 * A login of the same user went past the limit on the user's sessions, and this
		 * was the oldest.
		 */
		MAXIMUM_SESSIONS

	}

}
