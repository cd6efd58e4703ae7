package io.sessionengines.django;

import java.nio.charset.StandardCharsets;

/**
 * One of Django's password hashers, as far as checking a password against a hash that it
 * stored goes.
 *
 * @author Session Engines contributors
 */
interface DjangoHasher {

	/**
	 * Return the algorithm: what a hash of this hasher starts with, up to the first
	 * {@code $}.
	 * @return the algorithm
	 */
	String algorithm();

	/**
	 * Check a password against a stored hash, as Django's hasher does.
	 * @param password the password, well-formed UTF-16 (so that it has a UTF-8 form, as
	 * Django needs)
	 * @param encoded the stored hash, starting with {@link #algorithm()} and {@code $}
	 * @return whether the password matches
	 * @throws InvalidPasswordHashException if the hash is malformed or asks for more work
	 * than this encoder does
	 */
	boolean verify(String password, String encoded) throws InvalidPasswordHashException;

	static byte[] utf8(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

}
