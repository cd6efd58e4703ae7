package io.sessionengines.django;

import java.util.Objects;

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

	/**
	 * Return the message, which every constructor takes.
	 * @return the message
	 */
	@Override
	public String getMessage() {
		return Objects.requireNonNull(super.getMessage());
	}

}
