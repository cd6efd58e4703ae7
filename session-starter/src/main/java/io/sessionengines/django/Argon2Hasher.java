package io.sessionengines.django;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Django's {@code Argon2PasswordHasher}: {@code argon2} followed by the PHC string of
 * argon2-cffi, {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>} with
 * unpadded base64; {@code argon2i} and {@code argon2d} too (Django before 3.2 stored
 * {@code argon2i}), and version 16, written {@code v=16} or without a version as the
 * oldest hashes are. Computed by BouncyCastle; the password matches when the hash of its
 * UTF-8 form, with the stored salt, parameters and hash length, is the stored hash.
 * <p>
 * Only referenced once BouncyCastle is known to be on the class path.
 *
 * @author Session Engines contributors
 */
final class Argon2Hasher implements DjangoHasher {

	/**
	 * The most memory given to one hash, in KiB: 256 MiB, two and a half times Django's
	 * default of 100 MiB.
	 */
	static final int MAX_MEMORY_KIB = 256 * 1024;

	/**
	 * The most work done for one hash, as memory times passes in KiB: 1 GiB, five times
	 * Django's default (100 MiB, 2 passes), a few seconds of CPU.
	 */
	static final long MAX_WORK_KIB = 1024 * 1024;

	/**
	 * The most lanes, eight times Django's default.
	 */
	static final int MAX_PARALLELISM = 64;

	private static final int MIN_SALT_BYTES = 8;

	private static final int MIN_HASH_BYTES = 4;

	private static final int MAX_BYTES = 1024;

	private static final Pattern ARGON2_HASH = Pattern.compile(
			"argon2\\$argon2(id|i|d)\\$(?:v=(16|19)\\$)?m=([0-9]{1,9}),t=([0-9]{1,9}),p=([0-9]{1,9})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

	@Override
	public String algorithm() {
		return "argon2";
	}

	@Override
	public boolean verify(String password, String encoded) throws InvalidPasswordHashException {
		Matcher matcher = ARGON2_HASH.matcher(encoded);
		if (!matcher.matches()) {
			throw new InvalidPasswordHashException("An argon2 hash does not have the form "
					+ "argon2$argon2<id|i|d>$v=<16|19>$m=<memory>,t=<passes>,p=<lanes>$<salt>$<hash>");
		}
		int memory = Integer.parseInt(matcher.group(3));
		int passes = Integer.parseInt(matcher.group(4));
		int lanes = Integer.parseInt(matcher.group(5));
		checkWork(memory, passes, lanes);
		byte[] salt = decode(matcher.group(6), MIN_SALT_BYTES, "salt");
		byte[] expected = decode(matcher.group(7), MIN_HASH_BYTES, "hash");
		Argon2Parameters parameters = new Argon2Parameters.Builder(type(matcher.group(1)))
			.withVersion(("16".equals(matcher.group(2)) || matcher.group(2) == null)
					? Argon2Parameters.ARGON2_VERSION_10 : Argon2Parameters.ARGON2_VERSION_13)
			.withMemoryAsKB(memory)
			.withIterations(passes)
			.withParallelism(lanes)
			.withSalt(salt)
			.build();
		Argon2BytesGenerator generator = new Argon2BytesGenerator();
		generator.init(parameters);
		byte[] computed = new byte[expected.length];
		generator.generateBytes(DjangoHasher.utf8(password), computed);
		return MessageDigest.isEqual(computed, expected);
	}

	private static void checkWork(int memory, int passes, int lanes) throws InvalidPasswordHashException {
		if (passes < 1 || lanes < 1 || lanes > MAX_PARALLELISM || memory < 8 * lanes) {
			throw new InvalidPasswordHashException("An argon2 hash has invalid parameters m=" + memory + ",t=" + passes
					+ ",p=" + lanes + " (argon2 needs t >= 1 and m >= 8p; this encoder computes p up to "
					+ MAX_PARALLELISM + ")");
		}
		if (memory > MAX_MEMORY_KIB || (long) memory * passes > MAX_WORK_KIB) {
			throw new InvalidPasswordHashException("An argon2 hash asks for m=" + memory + " KiB and t=" + passes
					+ ", more than this encoder computes (m up to " + MAX_MEMORY_KIB + " KiB, m times t up to "
					+ MAX_WORK_KIB + ")");
		}
	}

	private static byte[] decode(String base64, int minLength, String what) throws InvalidPasswordHashException {
		try {
			byte[] bytes = Base64.getDecoder().decode(base64);
			if (bytes.length >= minLength && bytes.length <= MAX_BYTES) {
				return bytes;
			}
		}
		catch (IllegalArgumentException ex) {
			// reported below
		}
		throw new InvalidPasswordHashException(
				"An argon2 hash has a " + what + " that is not base64 of " + minLength + " to " + MAX_BYTES + " bytes");
	}

	private static int type(String variant) {
		return switch (variant) {
			case "id" -> Argon2Parameters.ARGON2_id;
			case "i" -> Argon2Parameters.ARGON2_i;
			default -> Argon2Parameters.ARGON2_d;
		};
	}

}
