package io.sessionengines.signing;

/**
 * Thrown when a token is malformed or its signature does not verify with any of the
 * configured keys (Django's {@code BadSignature}).
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public class BadSignatureException extends Exception {

	/**
	 * Create a new exception.
	 * @param message what is wrong with the token
	 */
	public BadSignatureException(String message) {
		super(message);
	}

}
