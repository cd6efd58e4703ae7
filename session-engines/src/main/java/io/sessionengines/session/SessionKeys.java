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
		for (int i = 0; i < key.length; i++) {
			key[i] = KEY_CHARACTERS.charAt(RANDOM.nextInt(KEY_CHARACTERS.length()));
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
