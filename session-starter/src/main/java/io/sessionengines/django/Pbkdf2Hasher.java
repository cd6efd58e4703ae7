package io.sessionengines.django;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Pattern;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Django's {@code PBKDF2PasswordHasher} and {@code PBKDF2SHA1PasswordHasher}:
 * {@code <algorithm>$<iterations>$<salt>$<base64 hash>}, the hash being PBKDF2 over the
 * UTF-8 password and salt with the digest's length. As in Django, a password matches when
 * encoding it with the stored salt and iteration count gives the stored string.
 *
 * @author Session Engines contributors
 */
final class Pbkdf2Hasher implements DjangoHasher {

	/**
	 * The most iterations computed for a stored hash: about seven times Django 6.1's
	 * default, a few seconds of CPU.
	 */
	static final int MAX_ITERATIONS = 10_000_000;

	static final Pbkdf2Hasher SHA256 = new Pbkdf2Hasher("pbkdf2_sha256", "PBKDF2WithHmacSHA256", 256);

	static final Pbkdf2Hasher SHA1 = new Pbkdf2Hasher("pbkdf2_sha1", "PBKDF2WithHmacSHA1", 160);

	private static final Pattern ITERATIONS = Pattern.compile("[1-9][0-9]{0,9}");

	private final String algorithm;

	private final String jcaAlgorithm;

	private final int keyBits;

	private Pbkdf2Hasher(String algorithm, String jcaAlgorithm, int keyBits) {
		this.algorithm = algorithm;
		this.jcaAlgorithm = jcaAlgorithm;
		this.keyBits = keyBits;
	}

	@Override
	public String algorithm() {
		return this.algorithm;
	}

	@Override
	public boolean verify(String password, String encoded) throws InvalidPasswordHashException {
		Decoded decoded = decode(encoded);
		String computed = encode(password, decoded.salt(), decoded.iterations());
		return MessageDigest.isEqual(computed.getBytes(StandardCharsets.UTF_8),
				encoded.getBytes(StandardCharsets.UTF_8));
	}

	String encode(String password, String salt, int iterations) {
		String hash = Base64.getEncoder().encodeToString(derive(password, salt, iterations));
		return this.algorithm + "$" + iterations + "$" + salt + "$" + hash;
	}

	Decoded decode(String encoded) throws InvalidPasswordHashException {
		String[] parts = encoded.split("\\$", 4);
		if (parts.length != 4 || !parts[0].equals(this.algorithm)) {
			throw new InvalidPasswordHashException(
					"A " + this.algorithm + " hash does not have the form " + this.algorithm + "$iterations$salt$hash");
		}
		if (!ITERATIONS.matcher(parts[1]).matches()) {
			throw new InvalidPasswordHashException(
					"A " + this.algorithm + " hash has an iteration count that is not a positive decimal number");
		}
		long iterations = Long.parseLong(parts[1]);
		if (iterations > MAX_ITERATIONS) {
			throw new InvalidPasswordHashException("A " + this.algorithm + " hash asks for " + iterations
					+ " iterations, more than the " + MAX_ITERATIONS + " that this encoder computes");
		}
		if (parts[2].isEmpty()) {
			throw new InvalidPasswordHashException("A " + this.algorithm + " hash has an empty salt");
		}
		return new Decoded((int) iterations, parts[2]);
	}

	/**
	 * PBKDF2 through the JDK, which hashes the password's UTF-8 form as Django does.
	 */
	private byte[] derive(String password, String salt, int iterations) {
		PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt.getBytes(StandardCharsets.UTF_8), iterations,
				this.keyBits);
		try {
			return SecretKeyFactory.getInstance(this.jcaAlgorithm).generateSecret(spec).getEncoded();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(this.jcaAlgorithm + " is not available", ex);
		}
		finally {
			spec.clearPassword();
		}
	}

	/**
	 * The parts of a hash that encoding needs.
	 *
	 * @param iterations the iteration count
	 * @param salt the salt
	 */
	record Decoded(int iterations, String salt) {

	}

}
