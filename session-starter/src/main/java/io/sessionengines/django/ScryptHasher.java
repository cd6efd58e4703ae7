package io.sessionengines.django;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.generators.SCrypt;

/**
 * Django's {@code ScryptPasswordHasher} (Django 4.0 and later):
 * {@code scrypt$<n>$<salt>$<r>$
 *
<p>
 * $<base64 hash>}, the hash being 64 bytes of scrypt over the UTF-8 password and salt.
 * Computed by BouncyCastle; as in Django, a password matches when encoding it with the
 * stored salt and parameters gives the stored string.
 * <p>
 * Only referenced once BouncyCastle is known to be on the class path.
 *
 * @author Session Engines contributors
 */
final class ScryptHasher implements DjangoHasher {

	/**
	 * The most memory given to one hash, 128 &times; r &times; n bytes: 256 MiB, 16 times
	 * Django's default (n = 2<sup>14</sup>, r = 8).
	 */
	static final long MAX_MEMORY_BYTES = 256L * 1024 * 1024;

	/**
	 * The most work done for one hash, as n &times; r &times; p: 2<sup>23</sup>, about 13
	 * times Django's default (n = 2<sup>14</sup>, r = 8, p = 5), a few seconds of CPU.
	 */
	static final long MAX_WORK = 1L << 23;

	private static final int HASH_BYTES = 64;

	private static final Pattern NUMBER = Pattern.compile("[1-9][0-9]{0,9}");

	@Override
	public String algorithm() {
		return "scrypt";
	}

	@Override
	public boolean verify(String password, String encoded) throws InvalidPasswordHashException {
		String[] parts = encoded.split("\\$", -1);
		if (parts.length != 6 || parts[2].isEmpty() || !NUMBER.matcher(parts[1]).matches()
				|| !NUMBER.matcher(parts[3]).matches() || !NUMBER.matcher(parts[4]).matches()) {
			throw new InvalidPasswordHashException("A scrypt hash does not have the form scrypt$n$salt$r$p$hash");
		}
		long n = Long.parseLong(parts[1]);
		long r = Long.parseLong(parts[3]);
		long p = Long.parseLong(parts[4]);
		checkWork(n, r, p);
		byte[] hash = SCrypt.generate(DjangoHasher.utf8(password), DjangoHasher.utf8(parts[2]), (int) n, (int) r,
				(int) p, HASH_BYTES);
		String computed = "scrypt$" + n + "$" + parts[2] + "$" + r + "$" + p + "$"
				+ Base64.getEncoder().encodeToString(hash);
		return MessageDigest.isEqual(computed.getBytes(StandardCharsets.UTF_8),
				encoded.getBytes(StandardCharsets.UTF_8));
	}

	private static void checkWork(long n, long r, long p) throws InvalidPasswordHashException {
		if (n < 2 || Long.bitCount(n) != 1) {
			throw new InvalidPasswordHashException("A scrypt hash has n=" + n + ", which is not a power of 2 above 1");
		}
		// each factor is bounded first, so that no product overflows
		if (n > MAX_WORK || r > MAX_WORK || p > MAX_WORK || 128 * r * n > MAX_MEMORY_BYTES || n * r > MAX_WORK / p) {
			throw new InvalidPasswordHashException("A scrypt hash asks for n=" + n + ", r=" + r + ", p=" + p
					+ ", more than this encoder computes (128 r n up to " + MAX_MEMORY_BYTES + " bytes, n r p up to "
					+ MAX_WORK + ")");
		}
	}

}
