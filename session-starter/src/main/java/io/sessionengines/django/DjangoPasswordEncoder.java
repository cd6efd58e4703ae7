package io.sessionengines.django;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * A {@link PasswordEncoder} for the password hashes of a Django application's users (the
 * {@code password} column of {@code auth_user}), so that they log in here with the
 * passwords they have there.
 * <p>
 * {@link #matches} checks these of Django's formats, exactly as Django's hashers do:
 * <ul>
 * <li>{@code pbkdf2_sha256$<iterations>$<salt>$<base64 hash>} (Django's default) and
 * {@code pbkdf2_sha1$...}, with the stored iteration count;</li>
 * <li>{@code bcrypt_sha256$<bcrypt hash>} (bcrypt of the lowercase hexadecimal SHA-256 of
 * the password) and {@code bcrypt$<bcrypt hash>} (bcrypt of the password's first 72
 * bytes), {@code $2a$}, {@code $2b$} and {@code $2y$};</li>
 * <li>{@code argon2$argon2id$v=19$m=...,t=...,p=...$<salt>$<hash>}, also {@code argon2i},
 * {@code argon2d} and version 16 (written {@code v=16} or left out);</li>
 * <li>{@code scrypt$<n>$<salt>$<r>$
 *
<p>
 * $<base64 hash>} (Django 4.0 and later).</li>
 * </ul>
 * Argon2 and scrypt need BouncyCastle ({@code org.bouncycastle:bcprov-jdk18on}) on the
 * class path; without it such a hash does not match, and a warning says what to add.
 * <p>
 * Every other hash does not match: Django's weak legacy hashers ({@code md5},
 * {@code sha1}, {@code unsalted_md5}, {@code unsalted_sha1}, {@code crypt}), custom
 * hashers, and anything unrecognised. One warning per algorithm names it and what to do:
 * let the user log in once on the Django side, where Django re-hashes the password with
 * the first hasher of its {@code PASSWORD_HASHERS}, or have the password reset. An
 * unusable password (Django's {@code set_unusable_password()}, a hash starting with
 * {@code !}) and a missing hash do not match, without a warning.
 * <p>
 * Stored hashes are read as untrusted input: a malformed hash, or one that asks for more
 * work than these bounds, does not match and is reported in a warning, so that no hash
 * can throw, exhaust the memory or take minutes of CPU:
 * <ul>
 * <li>PBKDF2: at most 10,000,000 iterations;</li>
 * <li>bcrypt: a cost of at most 16 (2<sup>16</sup> rounds);</li>
 * <li>Argon2: at most 256 MiB of memory, memory times passes at most 1 GiB, at most 64
 * lanes;</li>
 * <li>scrypt: 128 &times; r &times; n at most 256 MiB, n &times; r &times; p at most
 * 2<sup>23</sup>.</li>
 * </ul>
 * Each bound is several times Django's current default. A password that does not match
 * for any of these reasons still costs one hash of {@link #encode} (as Django's
 * {@code check_password} runs its default hasher), so that timing does not tell such
 * accounts apart. Hashes are compared in constant time.
 * <p>
 * {@link #encode} writes Django's default format, {@code pbkdf2_sha256}, with a fresh
 * 22-character salt of letters and digits (as Django's) and the iteration count given to
 * the constructor, by default {@value #DEFAULT_ITERATIONS}, Django 6.1's default; Django
 * reads these hashes and keeps them. {@link #upgradeEncoding} answers as Django's
 * {@code must_update}: a {@code pbkdf2_sha256} hash with fewer iterations than this
 * encoder's, or a salt shorter than 22 characters, and a hash of any other supported
 * algorithm. Instances are thread-safe.
 *
 * @author Session Engines contributors
 * @since 0.3.0
 */
public final class DjangoPasswordEncoder implements PasswordEncoder {

	/**
	 * Django 6.1's iteration count for {@code pbkdf2_sha256}.
	 */
	public static final int DEFAULT_ITERATIONS = 1_500_000;

	private static final Log logger = LogFactory.getLog(DjangoPasswordEncoder.class);

	private static final String UNUSABLE_PASSWORD_PREFIX = "!";

	private static final String SALT_CHARACTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

	/**
	 * The length of Django's salts: enough characters of its 62 for 128 bits.
	 */
	private static final int SALT_LENGTH = 22;

	private static final String BOUNCY_CASTLE_CLASS = "org.bouncycastle.crypto.generators.Argon2BytesGenerator";

	private static final Set<String> BOUNCY_CASTLE_ALGORITHMS = Set.of("argon2", "scrypt");

	private static final Set<String> LEGACY_ALGORITHMS = Set.of("md5", "sha1", "unsalted_md5", "unsalted_sha1",
			"crypt");

	/**
	 * The algorithm names that a warning repeats; anything else may be part of a secret.
	 */
	private static final Pattern ALGORITHM_NAME = Pattern.compile("[a-z0-9_]{1,32}");

	private static final String UNRECOGNISED = "an unrecognised format";

	/**
	 * How many different warnings are logged at warning level; a flood of malformed
	 * hashes is logged at debug level after that.
	 */
	private static final int MAX_WARNINGS = 100;

	private final int iterations;

	private final Map<String, DjangoHasher> hashers;

	private final SecureRandom random = new SecureRandom();

	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	/**
	 * Create an encoder that writes hashes with Django 6.1's iteration count,
	 * {@value #DEFAULT_ITERATIONS}.
	 */
	public DjangoPasswordEncoder() {
		this(DEFAULT_ITERATIONS);
	}

	/**
	 * Create an encoder that writes hashes with the given iteration count, which should
	 * be the one the Django application uses ({@code PBKDF2PasswordHasher.iterations}).
	 * @param iterations the iteration count for new hashes, at most 10,000,000
	 */
	public DjangoPasswordEncoder(int iterations) {
		Assert.isTrue(iterations > 0 && iterations <= Pbkdf2Hasher.MAX_ITERATIONS,
				() -> "'iterations' must be between 1 and " + Pbkdf2Hasher.MAX_ITERATIONS);
		this.iterations = iterations;
		this.hashers = hashers(ClassUtils.isPresent(BOUNCY_CASTLE_CLASS, DjangoPasswordEncoder.class.getClassLoader()));
	}

	private static Map<String, DjangoHasher> hashers(boolean bouncyCastle) {
		Map<String, DjangoHasher> hashers = new HashMap<>();
		List.of(Pbkdf2Hasher.SHA256, Pbkdf2Hasher.SHA1, BcryptHasher.SHA256, BcryptHasher.PLAIN)
			.forEach((hasher) -> hashers.put(hasher.algorithm(), hasher));
		if (bouncyCastle) {
			List.of(new Argon2Hasher(), new ScryptHasher())
				.forEach((hasher) -> hashers.put(hasher.algorithm(), hasher));
		}
		return Map.copyOf(hashers);
	}

	/**
	 * Hash a password as Django's default hasher does: {@code pbkdf2_sha256} with a new
	 * salt and this encoder's iteration count.
	 * @param rawPassword the password
	 * @return the hash, or {@code null} for a {@code null} password
	 * @throws IllegalArgumentException if the password has a lone surrogate, which has no
	 * UTF-8 form
	 */
	@Override
	public @Nullable String encode(@Nullable CharSequence rawPassword) {
		if (rawPassword == null) {
			return null;
		}
		String password = rawPassword.toString();
		Assert.isTrue(isWellFormed(password), "'rawPassword' must not contain a lone surrogate");
		return Pbkdf2Hasher.SHA256.encode(password, newSalt(), this.iterations);
	}

	@Override
	public boolean matches(@Nullable CharSequence rawPassword, @Nullable String encodedPassword) {
		String password = (rawPassword != null) ? rawPassword.toString() : "";
		if (rawPassword == null || !isWellFormed(password) || encodedPassword == null || encodedPassword.isEmpty()
				|| encodedPassword.startsWith(UNUSABLE_PASSWORD_PREFIX)) {
			return mismatch(password);
		}
		DjangoHasher hasher = hasherFor(encodedPassword);
		if (hasher == null) {
			return mismatch(password);
		}
		try {
			return hasher.verify(password, encodedPassword);
		}
		catch (InvalidPasswordHashException ex) {
			warnOnce(ex.getMessage(), ex.getMessage() + "; that user cannot log in here until the hash is fixed, "
					+ "for example by setting the password again on the Django side");
			return mismatch(password);
		}
		catch (RuntimeException ex) {
			warnOnce(hasher.algorithm() + ex.getClass().getName(), "Checking a password against a " + hasher.algorithm()
					+ " hash failed (" + ex + "); the password does not match");
			return mismatch(password);
		}
	}

	@Override
	public boolean upgradeEncoding(@Nullable String encodedPassword) {
		if (encodedPassword == null || encodedPassword.isEmpty()
				|| encodedPassword.startsWith(UNUSABLE_PASSWORD_PREFIX)) {
			return false;
		}
		DjangoHasher hasher = this.hashers.get(algorithmOf(encodedPassword));
		if (hasher != Pbkdf2Hasher.SHA256) {
			return hasher != null;
		}
		try {
			Pbkdf2Hasher.Decoded decoded = Pbkdf2Hasher.SHA256.decode(encodedPassword);
			return decoded.iterations() < this.iterations || decoded.salt().length() < SALT_LENGTH;
		}
		catch (InvalidPasswordHashException ex) {
			return false;
		}
	}

	private @Nullable DjangoHasher hasherFor(String encoded) {
		String algorithm = algorithmOf(encoded);
		DjangoHasher hasher = this.hashers.get(algorithm);
		if (hasher == null) {
			String name = ALGORITHM_NAME.matcher(algorithm).matches() ? algorithm : UNRECOGNISED;
			warnOnce(name, refusal(name));
		}
		return hasher;
	}

	private static String refusal(String algorithm) {
		String upgrade = "let the user log in once on the Django side, where Django re-hashes the password with "
				+ "the first hasher of PASSWORD_HASHERS (make that pbkdf2_sha256, Django's default), "
				+ "or have the user reset the password";
		if (BOUNCY_CASTLE_ALGORITHMS.contains(algorithm)) {
			return "Django " + algorithm + " password hashes cannot be checked: BouncyCastle is not on the "
					+ "class path; add org.bouncycastle:bcprov-jdk18on to the application's dependencies. "
					+ "Until then those users cannot log in here";
		}
		if (LEGACY_ALGORITHMS.contains(algorithm)) {
			return "Django " + algorithm + " password hashes are refused: the algorithm is too weak. Users with "
					+ "such a hash cannot log in here; " + upgrade;
		}
		String name = algorithm.equals(UNRECOGNISED) ? algorithm : "'" + algorithm + "'";
		return "Password hashes of " + name + " are not supported (only pbkdf2_sha256, pbkdf2_sha1, bcrypt_sha256, "
				+ "bcrypt, argon2 and scrypt are). Users with such a hash cannot log in here; " + upgrade;
	}

	/**
	 * The algorithm of a hash, as Django's {@code identify_hasher} tells it.
	 */
	private static String algorithmOf(String encoded) {
		if ((encoded.length() == 32 && encoded.indexOf('$') < 0)
				|| (encoded.length() == 37 && encoded.startsWith("md5$$"))) {
			return "unsalted_md5";
		}
		if (encoded.length() == 46 && encoded.startsWith("sha1$$")) {
			return "unsalted_sha1";
		}
		int end = encoded.indexOf('$');
		return (end >= 0) ? encoded.substring(0, end) : encoded;
	}

	/**
	 * Spend the time of a check on a password that does not match without one, so that a
	 * missing or unusable hash does not answer faster than a wrong password.
	 */
	private boolean mismatch(String password) {
		Pbkdf2Hasher.SHA256.encode(isWellFormed(password) ? password : "", "timing", this.iterations);
		return false;
	}

	private void warnOnce(String key, String message) {
		if (this.warned.size() < MAX_WARNINGS && this.warned.add(key)) {
			logger.warn(message);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(message);
		}
	}

	private String newSalt() {
		StringBuilder salt = new StringBuilder(SALT_LENGTH);
		for (int i = 0; i < SALT_LENGTH; i++) {
			salt.append(SALT_CHARACTERS.charAt(this.random.nextInt(SALT_CHARACTERS.length())));
		}
		return salt.toString();
	}

	/**
	 * Return whether a string has a UTF-8 form: no surrogate without its pair. Django
	 * fails on a password without one.
	 */
	private static boolean isWellFormed(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < value.length()
					&& Character.isLowSurrogate(value.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return false;
			}
		}
		return true;
	}

}
