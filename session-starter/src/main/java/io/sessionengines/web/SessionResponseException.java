package io.sessionengines.web;

import java.util.Objects;

/**
 * A session failure that decides the response: the session middleware answers with
 * {@link #getStatus()} and the message, never with a stack trace.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public abstract class SessionResponseException extends RuntimeException {

	/**
	 * Create a new exception without a cause.
	 * @param message the message the response carries
	 */
	protected SessionResponseException(String message) {
		super(message);
	}

	/**
	 * Create a new exception.
	 * @param message the message the response carries
	 * @param cause the cause
	 */
	protected SessionResponseException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * Return the status of the response.
	 * @return the HTTP status
	 */
	public abstract int getStatus();

	/**
	 * Return the message, which every constructor takes.
	 * @return the message
	 */
	@Override
	public String getMessage() {
		return Objects.requireNonNull(super.getMessage());
	}

}
