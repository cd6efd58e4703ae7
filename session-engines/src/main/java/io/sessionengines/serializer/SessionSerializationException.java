package io.sessionengines.serializer;

/**
 * Thrown when stored bytes cannot be turned back into session data.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public class SessionSerializationException extends RuntimeException {

	/**
	 * Create a new exception.
	 * @param message what went wrong
	 */
	public SessionSerializationException(String message) {
		super(message);
	}

	/**
	 * Create a new exception.
	 * @param message what went wrong
	 * @param cause the underlying failure
	 */
	public SessionSerializationException(String message, Throwable cause) {
		super(message, cause);
	}

}
