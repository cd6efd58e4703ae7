package io.sessionengines.engine;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A salted hash of a session key, for log lines: it tells log lines of the same session
 * apart without revealing the key. The salt is random per process.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public final class SessionKeyHash {

	private static final byte[] SALT = new byte[16];

	static {
		new SecureRandom().nextBytes(SALT);
	}

	private SessionKeyHash() {
	}

	/**
	 * Return the salted hash of a session key.
	 * @param key the session key
	 * @return the first 12 hexadecimal digits of its salted SHA-256
	 */
	public static String of(String key) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			sha256.update(SALT);
			return HexFormat.of().formatHex(sha256.digest(key.getBytes(StandardCharsets.UTF_8)), 0, 6);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
