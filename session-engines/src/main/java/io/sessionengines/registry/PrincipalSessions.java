package io.sessionengines.registry;

import java.util.List;

/**
 * A user's live sessions, as a {@link SessionRegistryStore} found them, and the version
 * that a {@link SessionRegistryStore#register} checks.
 *
 * @param version the version of the user's sessions
 * @param sessions the sessions, newest first
 * @author Session Engines contributors
 * @since 0.3.0
 */
public record PrincipalSessions(long version, List<RegisteredSession> sessions) {

	/**
	 * Create the result of a find.
	 * @param version the version
	 * @param sessions the sessions
	 */
	public PrincipalSessions {
		sessions = List.copyOf(sessions);
	}

}
