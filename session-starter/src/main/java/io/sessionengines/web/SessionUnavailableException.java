package io.sessionengines.web;

import io.sessionengines.engine.SessionStoreUnavailableException;

/**
 * The session store could not be reached, so the request cannot be served with its
 * session; the response is a {@code 503} and nothing in the store was changed. It is not
 * a logout: the same request works once the store is back.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public class SessionUnavailableException extends SessionResponseException {

	/**
	 * Create a new exception.
	 * @param cause the store's failure
	 */
	public SessionUnavailableException(SessionStoreUnavailableException cause) {
		super(503, "The session store is unavailable. Please try again in a moment.", cause);
	}

}
