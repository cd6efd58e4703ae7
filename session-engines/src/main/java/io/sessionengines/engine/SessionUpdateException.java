package io.sessionengines.engine;

/**
 * Thrown when a session cannot be updated because it was deleted since it was loaded, for
 * example by a logout in a concurrent request (Django's {@code UpdateError}).
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public class SessionUpdateException extends RuntimeException {

	/**
	 * Create a new exception.
	 * @param message what happened
	 */
	public SessionUpdateException(String message) {
		super(message);
	}

}
