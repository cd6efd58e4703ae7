package io.sessionengines.web;

import org.springframework.util.Assert;

/**
 * The session key a request carries, and where it came from.
 *
 * @param value the key as sent
 * @param fromCookie whether it came from the session cookie, rather than from the session
 * header
 * @author Session Engines contributors
 * @since 0.4.0
 */
public record RequestedKey(String value, boolean fromCookie) {

	/**
	 * Create a requested key.
	 * @param value the key as sent
	 * @param fromCookie whether it came from the session cookie
	 */
	public RequestedKey {
		Assert.notNull(value, "'value' must not be null");
	}

}
