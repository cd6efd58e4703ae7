package io.sessionengines.demo;

/**
 * A {@code POST /api/ops} request whose body is not declared as JSON
 * ({@code Content-Type: application/json}). It answers {@code 415} before any operation
 * has touched the session.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public class NotJsonBodyException extends RuntimeException {

	/**
	 * Create a new exception.
	 * @param message what is wrong, for the client
	 */
	public NotJsonBodyException(String message) {
		super(message);
	}

}
