package io.sessionengines.web;

import io.sessionengines.session.Session;
import org.jspecify.annotations.Nullable;

/**
 * Tells which user a session is logged in as, from what the session holds, such as Spring
 * Security's security context.
 *
 * @author Session Engines contributors
 * @since 0.3.0
 */
@FunctionalInterface
public interface SessionPrincipalResolver {

	/**
	 * Return the name of the user a session is logged in as.
	 * @param session the session, loaded
	 * @return the user's name, or {@code null} when the session is not logged in
	 */
	@Nullable String principalOf(Session session);

	/**
	 * Return whether the session was logged in during this request, as the same user or
	 * another, so that its registration is renewed: a new registry id, and the old one
	 * revoked. By default {@code false}: only a change of user renews it.
	 * @param session the session
	 * @return whether the session was logged in now
	 */
	default boolean isNewLogin(Session session) {
		return false;
	}

}
