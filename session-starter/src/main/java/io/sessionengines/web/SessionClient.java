package io.sessionengines.web;

import org.jspecify.annotations.Nullable;

/**
 * What the registry of each user's sessions records about the client of a request that
 * logs a session in, read from the request only when a login is registered.
 *
 * @author Session Engines contributors
 * @since 0.4.0
 */
public interface SessionClient {

	/**
	 * Return the request's {@code User-Agent} header.
	 * @return the user agent, or {@code null} when the request has none
	 */
	@Nullable String userAgent();

	/**
	 * Return the client's address, as the server sees it after any forwarded-header
	 * handling the application configured (never a header a client could set by itself).
	 * @return the address, or {@code null} when unknown
	 */
	@Nullable String address();

	/**
	 * Return whether the request's session was registered for its login during the
	 * request already, as a concurrent-session control does when it checks the login.
	 * @return whether the session was registered during the request
	 */
	boolean registeredDuringRequest();

}
