package io.sessionengines.demo;

/**
 * A {@code POST /api/ops} request that cannot run: a malformed body, an unknown
 * operation, a missing or bad field, or a bad {@code status}. It answers {@code 400}
 * before any operation has touched the session.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public class InvalidOperationException extends RuntimeException {

	/**
	 * Create a new exception.
	 * @param message what is wrong, for the client
	 */
	public InvalidOperationException(String message) {
		super(message);
	}

}
