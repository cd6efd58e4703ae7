package io.sessionengines.django;

/**
 * A stored password hash that cannot be checked: malformed, or asking for more work than
 * the encoder does. The message names the algorithm and the problem, never the hash, so
 * that it can be logged.
 *
 * @author Session Engines contributors
 */
class InvalidPasswordHashException extends Exception {

	InvalidPasswordHashException(String message) {
		super(message);
	}

}
