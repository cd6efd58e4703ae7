package io.sessionengines.web;

import io.sessionengines.engine.SessionUpdateException;

/**
 * The session was deleted by another request while this one used it, so it could not be
 * saved (Django's {@code SessionInterrupted}); the response is a {@code 400}.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public class SessionInterruptedException extends SessionResponseException {

	/**
	 * Create a new exception.
	 * @param cause the failed update
	 */
	public SessionInterruptedException(SessionUpdateException cause) {
		super("The request's session was deleted before the request completed. "
				+ "The user may have logged out in a concurrent request, for example.", cause);
	}

	@Override
	public int getStatus() {
		return 400;
	}

}
