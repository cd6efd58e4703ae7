package io.sessionengines.web;

import io.sessionengines.session.Session;
import org.jspecify.annotations.Nullable;

/**
 * The {@link jakarta.servlet.http.HttpSession} attribute under which a security framework
 * keeps a session's login, such as Spring Security's context, read and written through
 * rules of its own instead of as a plain session entry: where another application's login
 * shares the session (Django's), both must agree on who is logged in.
 *
 * @author Session Engines contributors
 * @since 0.4.0
 */
public interface SessionLoginAttribute {

	/**
	 * Return the name of the attribute.
	 * @return the attribute name
	 */
	String getName();

	/**
	 * Return the attribute's value for a request: the login the session holds, or
	 * {@code null} when it holds none that can be trusted. May change the session, as
	 * Django flushes a session whose login no longer holds.
	 * @param session the request's session
	 * @return the value, or {@code null}
	 */
	@Nullable Object get(Session session);

	/**
	 * Store a login in the session.
	 * @param session the request's session
	 * @param value the value, never {@code null}
	 */
	void set(Session session, Object value);

	/**
	 * Remove the session's login.
	 * @param session the request's session
	 * @return the value that was stored, or {@code null}
	 */
	@Nullable Object remove(Session session);

}
