package io.sessionengines.engine;

import java.time.Instant;

import org.springframework.util.Assert;

/**
 * A session as a {@link SessionRowStore} keeps it: its encoded data and its expiry date.
 *
 * @param data the encoded session data, which is also the row's version for a
 * compare-and-set
 * @param expireDate when the session expires, clamped to what every store can hold
 * ({@link SessionExpiry#clamp(Instant)})
 * @author Session Engines contributors
 * @since 0.3.0
 */
public record SessionRow(String data, Instant expireDate) {

	/**
	 * Create a row.
	 * @param data the encoded session data
	 * @param expireDate when the session expires
	 */
	public SessionRow {
		Assert.notNull(data, "'data' must not be null");
		Assert.notNull(expireDate, "'expireDate' must not be null");
		expireDate = SessionExpiry.clamp(expireDate);
	}

}
