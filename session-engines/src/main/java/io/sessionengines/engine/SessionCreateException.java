package io.sessionengines.engine;

/**
 * Thrown when a new session cannot be created because its key is taken (Django's
 * {@code CreateError}).
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public class SessionCreateException extends RuntimeException {

	/**
	 * Create a new exception.
	 * @param message what happened
	 */
	public SessionCreateException(String message) {
		super(message);
	}

}
