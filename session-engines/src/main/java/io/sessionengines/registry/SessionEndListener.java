package io.sessionengines.registry;

/**
 * Told when {@link UserSessions} ends a registered session, or finds that one expired:
 * once per session, by the instance that ended it or removed it from the registry.
 *
 * @author Session Engines contributors
 * @since 0.3.0
 */
@FunctionalInterface
public interface SessionEndListener {

	/**
	 * A session was ended.
	 * @param session the session, as the registry held it
	 * @param reason why it was ended
	 */
	void ended(RegisteredSession session, Reason reason);

	/**
	 * Why a session was ended.
	 */
	enum Reason {

		/**
		 * It was ended through {@link UserSessions}: by the user, by an administrator, or
		 * with all of the user's sessions.
		 */
		ENDED,

		/**
		 * A login of the same user went past the limit on the user's sessions, and this
		 * was the oldest.
		 */
		MAXIMUM_SESSIONS,

		/**
		 * The session expired, and {@link UserSessions#removeExpired(int)} removed it
		 * from the registry.
		 */
		EXPIRED

	}

}
