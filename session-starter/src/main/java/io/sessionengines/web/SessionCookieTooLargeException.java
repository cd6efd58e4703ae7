package io.sessionengines.web;

/**
 * The session cookie would be larger than browsers accept, so it is not emitted: a
 * browser would drop it silently and lose the session. The response is a {@code 500}.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public class SessionCookieTooLargeException extends SessionResponseException {

	/**
	 * Create a new exception.
	 * @param size the size of the cookie's name and value, in bytes
	 * @param limit the largest size browsers accept
	 */
	public SessionCookieTooLargeException(int size, int limit) {
		super(500,
				"The session cookie would be " + size + " bytes, over the " + limit
						+ "-byte limit browsers accept, so it was not sent. Store less in the session, "
						+ "or use a server-side session engine.");
	}

}
