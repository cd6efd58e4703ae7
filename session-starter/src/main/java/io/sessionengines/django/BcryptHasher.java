package io.sessionengines.django;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Django's {@code BCryptSHA256PasswordHasher} ({@code bcrypt_sha256$<bcrypt hash>}) and
 * {@code BCryptPasswordHasher} ({@code bcrypt$<bcrypt hash>}), through Spring Security's
 * {@link BCrypt}. The first hashes the lowercase hexadecimal SHA-256 of the UTF-8
 * password (64 ASCII characters, so nothing is lost to bcrypt's 72-byte limit); the
 * second hashes the UTF-8 password itself, of which bcrypt uses the first 72 bytes. As in
 * Django, a password matches when hashing it with the stored salt gives the stored
 * string.
 *
 * @author Session Engines contributors
 */
final class BcryptHasher implements DjangoHasher {

	/**
	 * The highest cost computed for a stored hash: 2<sup>16</sup> rounds, 16 times
	 * Django's default of 12, a few seconds of CPU.
	 */
	static final int MAX_LOG_ROUNDS = 16;

	static final BcryptHasher SHA256 = new BcryptHasher("bcrypt_sha256", true);

	static final BcryptHasher PLAIN = new BcryptHasher("bcrypt", false);

	private static final int MIN_LOG_ROUNDS = 4;

	/**
	 * The bytes of a password that bcrypt uses.
	 */
	private static final int MAX_KEY_BYTES = 72;

	private static final Pattern BCRYPT_HASH = Pattern.compile("\\$2[aby]\\$([0-9]{2})\\$[./A-Za-z0-9]{53}");

	private final String algorithm;

	private final boolean sha256First;

	private BcryptHasher(String algorithm, boolean sha256First) {
		this.algorithm = algorithm;
		this.sha256First = sha256First;
	}

	@Override
	public String algorithm() {
		return this.algorithm;
	}

	@Override
	public boolean verify(String password, String encoded) throws InvalidPasswordHashException {
		String data = encoded.substring(this.algorithm.length() + 1);
		Matcher matcher = BCRYPT_HASH.matcher(data);
		if (!matcher.matches()) {
			throw new InvalidPasswordHashException("A " + this.algorithm
					+ " hash is not a bcrypt hash ($2a$, $2b$ or $2y$, a two-digit cost, 53 characters of salt and hash)");
		}
		int logRounds = Integer.parseInt(matcher.group(1));
		if (logRounds < MIN_LOG_ROUNDS || logRounds > MAX_LOG_ROUNDS) {
			throw new InvalidPasswordHashException(
					"A " + this.algorithm + " hash has the cost " + logRounds + ", outside the range " + MIN_LOG_ROUNDS
							+ " to " + MAX_LOG_ROUNDS + " that this encoder computes");
		}
		byte[] key = this.sha256First ? hexSha256(password) : DjangoHasher.utf8(password);
		if (!this.sha256First && containsZero(key)) {
			// bcrypt would end the password at the zero byte; Django's bcrypt library
			// refuses such a password
			return false;
		}
		String computed = BCrypt.hashpw(Arrays.copyOf(key, Math.min(key.length, MAX_KEY_BYTES)), data);
		return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII),
				data.getBytes(StandardCharsets.US_ASCII));
	}

	private static byte[] hexSha256(String password) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(DjangoHasher.utf8(password));
			return HexFormat.of().formatHex(digest).getBytes(StandardCharsets.US_ASCII);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	private static boolean containsZero(byte[] bytes) {
		for (byte b : bytes) {
			if (b == 0) {
				return true;
			}
		}
		return false;
	}

}
