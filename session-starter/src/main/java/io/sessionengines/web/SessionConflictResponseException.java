package io.sessionengines.web;

import io.sessionengines.session.SessionConflictException;

/**
 * Concurrent requests kept changing the session until this request's save gave up, so
 * none of its changes were saved; the response is a {@code 409}, and the request can be
 * sent again.
 *
 * @author Session Engines contributors
 * @since 0.2.0
 */
public class SessionConflictResponseException extends SessionResponseException {

	/**
	 * Create a new exception.
	 * @param cause the failed save
	 */
	public SessionConflictResponseException(SessionConflictException cause) {
		super("The request's session was changed by concurrent requests until its changes could not be saved. "
				+ "Nothing was saved; the request can be sent again.", cause);
	}

	@Override
	public int getStatus() {
		return 409;
	}

}
