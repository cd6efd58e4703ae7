package io.sessionengines.web;

import io.sessionengines.engine.SessionDataTooLargeException;

/**
 * The session's data grew past {@code session.max-data-size} without a {@code set} (a
 * stored list or map changed in place, then marked modified), so it was not saved: saving
 * it would store data that no later request could read. The response is a {@code 500}.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public class SessionTooLargeException extends SessionResponseException {

	/**
	 * Create a new exception.
	 * @param cause the refused save
	 */
	public SessionTooLargeException(SessionDataTooLargeException cause) {
		super(cause.getMessage() + "; the session was not saved.", cause);
	}

	@Override
	public int getStatus() {
		return 500;
	}

}
