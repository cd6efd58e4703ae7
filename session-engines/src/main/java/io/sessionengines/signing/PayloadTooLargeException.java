package io.sessionengines.signing;

/**
 * Thrown when a token's signature verifies but its content is larger than the caller's
 * bound, so it is not read: a token that only someone holding the key can make, such as a
 * compression bomb signed with a leaked or published key.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public class PayloadTooLargeException extends BadSignatureException {

	/**
	 * Create a new exception.
	 * @param limit the bound, in bytes
	 */
	public PayloadTooLargeException(int limit) {
		super("Payload larger than the limit of " + limit + " bytes");
	}

}
