package io.sessionengines.session;

import java.security.SecureRandom;

import org.jspecify.annotations.Nullable;

/**
 * Session keys as Django makes and accepts them.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public final class SessionKeys {

	/**
	 * The characters of a generated key.
	 */
	public static final String KEY_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789";

	/**
	 * The length of a generated key.
	 */
	public static final int KEY_LENGTH = 32;

	/**
	 * The shortest value that counts as a key; shorter cookie values count as no key.
	 */
	public static final int MIN_KEY_LENGTH = 8;

	/**
	 * The random bytes that map to a character: those below the largest multiple of the
	 * number of characters, so that every character is equally likely.
	 */
	private static final int UNBIASED_BYTES = 256 - 256 % KEY_CHARACTERS.length();

	/**
	 * The random bytes drawn beyond one per character, so that one draw almost always
	 * suffices although some bytes are discarded (a second draw is needed about once in
	 * 10^9 keys).
	 */
	private static final int SPARE_BYTES = 8;

	private static final SecureRandom RANDOM = new SecureRandom();

	private SessionKeys() {
	}

	/**
	 * Generate a new key: {@value #KEY_LENGTH} characters from {@value #KEY_CHARACTERS},
	 * drawn with a {@link SecureRandom} (about 165 bits).
	 * @return the key
	 */
	public static String generate() {
		char[] key = new char[KEY_LENGTH];
		// one draw for the whole key: each draw from the default SecureRandom reads the
		// system's source under a lock that every request creating a session shares
		byte[] random = new byte[KEY_LENGTH + SPARE_BYTES];
		int filled = 0;
		while (filled < key.length) {
			RANDOM.nextBytes(random);
			for (int i = 0; i < random.length && filled < key.length; i++) {
				int value = random[i] & 0xFF;
				if (value < UNBIASED_BYTES) {
					key[filled++] = KEY_CHARACTERS.charAt(value % KEY_CHARACTERS.length());
				}
			}
		}
		return new String(key);
	}

	/**
	 * Return whether a cookie value counts as a key: Django keeps a value only when it
	 * has at least {@value #MIN_KEY_LENGTH} characters.
	 * @param value the cookie value
	 * @return whether it is a key
	 */
	public static boolean isKey(@Nullable String value) {
		return value != null && value.length() >= MIN_KEY_LENGTH;
	}

}
