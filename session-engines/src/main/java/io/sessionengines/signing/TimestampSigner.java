package io.sessionengines.signing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Django's {@code signing.dumps}/{@code signing.loads} token format, byte for byte:
 * {@code PAYLOAD:TIMESTAMP:SIGNATURE}, where the payload is the serialized object in
 * base64url without padding (zlib-compressed and prefixed with {@code .} when that is
 * shorter), the timestamp is base62 Unix seconds, and the signature is HMAC-SHA256 over
 * {@code PAYLOAD:TIMESTAMP} with the key {@code SHA-256(salt + "signer" + secret)}.
 * <p>
 * New tokens are signed with the signing key of a {@link SigningKeyRing}, and tokens
 * signed with any of its verifying keys verify: with Django's keys, the secret key signs
 * and it and the fallback keys verify. No key id is in the token, which stays Django's,
 * so a Django application given the ring's signing key as {@code SECRET_KEY} and its
 * other verifying keys as {@code SECRET_KEY_FALLBACKS} reads and writes the same tokens.
 * Instances are thread-safe.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public final class TimestampSigner {

	private static final String HMAC = "HmacSHA256";

	private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	private static final char SEPARATOR = ':';

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private final SigningKeyRing ring;

	// a Mac set up once per key, copied per use: looking the algorithm up and setting
	// the key up cost more than signing a session
	private final Map<String, Mac> macs;

	private final Clock clock;

	/**
	 * Create a signer.
	 * @param secretKey the key that signs new tokens (Django's {@code SECRET_KEY})
	 * @param fallbackKeys older keys that still verify (Django's
	 * {@code SECRET_KEY_FALLBACKS})
	 * @param salt the namespace that keeps tokens of different purposes apart
	 * @param clock the clock that stamps new tokens
	 */
	public TimestampSigner(String secretKey, List<String> fallbackKeys, String salt, Clock clock) {
		this(SigningKeyRing.of(requireSecretKey(secretKey), fallbackKeys), salt, clock);
	}

	/**
	 * Create a signer whose keys come from a key ring.
	 * @param ring the keys, and which of them sign and verify when
	 * @param salt the namespace that keeps tokens of different purposes apart
	 * @param clock the clock that stamps new tokens and picks the keys
	 */
	public TimestampSigner(SigningKeyRing ring, String salt, Clock clock) {
		Assert.notNull(ring, "'ring' must not be null");
		Assert.notNull(salt, "'salt' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		this.ring = ring;
		Map<String, Mac> macs = new HashMap<>();
		for (SigningKey key : ring.getKeys()) {
			macs.put(key.getId(), mac(deriveKey(salt, key.getSecret())));
		}
		this.macs = Map.copyOf(macs);
		this.clock = clock;
	}

	/**
	 * Return the keys this signer signs and verifies with.
	 * @return the key ring
	 */
	public SigningKeyRing getKeyRing() {
		return this.ring;
	}

	private static String requireSecretKey(String secretKey) {
		Assert.hasLength(secretKey, "'secretKey' must not be empty");
		return secretKey;
	}

	/**
	 * Sign serialized data as Django's {@code signing.dumps(..., compress=True)} does.
	 * @param data the serialized object
	 * @return the token
	 */
	public String sign(byte[] data) {
		return sign(data, true);
	}

	/**
	 * Sign serialized data as Django's {@code signing.dumps} does, compressing it when
	 * asked to and when that makes it shorter. Either kind of token verifies.
	 * @param data the serialized object
	 * @param compress whether to try compressing the data
	 * @return the token
	 */
	public String sign(byte[] data, boolean compress) {
		byte[] compressed = compress ? deflate(data) : null;
		boolean useCompressed = compressed != null && compressed.length < data.length - 1;
		String payload = useCompressed ? "." + ENCODER.encodeToString(compressed) : ENCODER.encodeToString(data);
		Instant now = this.clock.instant();
		SigningKey key = this.ring.keysAt(now).requireSigningKey();
		String value = payload + SEPARATOR + base62(now.getEpochSecond());
		return value + SEPARATOR + signature(value, macOf(key));
	}

	/**
	 * Verify a token and return its content, as Django's {@code signing.loads} does
	 * without a maximum age; the caller decides how old a token may be. Unlike Django,
	 * the content is bounded: a compressed payload is inflated only up to the bound, so a
	 * small token cannot expand into a large one.
	 * @param token the token
	 * @param maxDataSize the largest content accepted, in bytes
	 * @return the serialized object, its signing time and the key that verified it
	 * @throws BadSignatureException if the token is malformed or the signature does not
	 * verify with a key that verifies now (a revoked or retired key never does: the
	 * message then names it); a {@link PayloadTooLargeException} if the content is larger
	 * than the bound
	 */
	public SignedPayload unsign(String token, int maxDataSize) throws BadSignatureException {
		int signatureStart = token.lastIndexOf(SEPARATOR);
		if (signatureStart < 0) {
			throw new BadSignatureException("No ':' found in value");
		}
		String value = token.substring(0, signatureStart);
		byte[] signature = token.substring(signatureStart + 1).getBytes(StandardCharsets.UTF_8);
		SigningKeyRing.Keys keys = this.ring.keysAt(this.clock.instant());
		SigningKey key = verifyingKey(keys, value, signature);
		if (key == null) {
			throw new BadSignatureException(refusal(keys, value, signature));
		}
		int timestampStart = value.lastIndexOf(SEPARATOR);
		if (timestampStart < 0) {
			throw new BadSignatureException("No timestamp found in value");
		}
		Instant signedAt = Instant.ofEpochSecond(decodeBase62(value.substring(timestampStart + 1)));
		String payload = value.substring(0, timestampStart);
		boolean compressed = payload.startsWith(".");
		try {
			byte[] data = DECODER.decode(compressed ? payload.substring(1) : payload);
			if (compressed) {
				data = inflate(data, maxDataSize);
			}
			if (data.length > maxDataSize) {
				throw new PayloadTooLargeException(maxDataSize);
			}
			return new SignedPayload(data, signedAt, key.getId(), key == keys.signingKey());
		}
		catch (IllegalArgumentException | DataFormatException ex) {
			throw new BadSignatureException("Malformed payload: " + ex.getMessage());
		}
	}

	private @Nullable SigningKey verifyingKey(SigningKeyRing.Keys keys, String value, byte[] signature) {
		SigningKey verified = null;
		for (SigningKey key : keys.verificationKeys()) {
			// every key is tried, so the time taken does not tell which one matched
			boolean matches = MessageDigest.isEqual(signature(value, macOf(key)).getBytes(StandardCharsets.UTF_8),
					signature);
			if (matches && verified == null) {
				verified = key;
			}
		}
		return verified;
	}

	/**
	 * Say why a token does not verify, naming the key when a revoked or retired one
	 * signed it, so that the log shows what revoking or retiring a key ends.
	 */
	private String refusal(SigningKeyRing.Keys keys, String value, byte[] signature) {
		for (SigningKey key : this.ring.getKeys()) {
			if (!keys.verificationKeys().contains(key) && MessageDigest
				.isEqual(signature(value, macOf(key)).getBytes(StandardCharsets.UTF_8), signature)) {
				return "Signed with key '" + key.getId() + "', which is " + (key.isRevoked() ? "revoked" : "retired");
			}
		}
		return "Signature does not match";
	}

	private Mac macOf(SigningKey key) {
		Mac mac = this.macs.get(key.getId());
		Assert.state(mac != null, () -> "Key '" + key.getId() + "' is not a key of this signer's ring");
		return mac;
	}

	private static String signature(String value, Mac prototype) {
		try {
			// a copy, since a Mac is not thread-safe; the set-up one is never used itself
			Mac mac = (Mac) prototype.clone();
			return ENCODER.encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException("The HMAC-SHA256 implementation cannot be copied", ex);
		}
	}

	private static Mac mac(SecretKeySpec key) {
		try {
			Mac mac = Mac.getInstance(HMAC);
			mac.init(key);
			// fail now, not on the first request, if this provider's Macs cannot be
			// copied
			mac.clone();
			return mac;
		}
		catch (GeneralSecurityException | CloneNotSupportedException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

	private static SecretKeySpec deriveKey(String salt, String secret) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			sha256.update((salt + "signer").getBytes(StandardCharsets.UTF_8));
			return new SecretKeySpec(sha256.digest(secret.getBytes(StandardCharsets.UTF_8)), HMAC);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	private static byte[] deflate(byte[] data) {
		Deflater deflater = new Deflater();
		try {
			deflater.setInput(data);
			deflater.finish();
			ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 16);
			byte[] buffer = new byte[1024];
			while (!deflater.finished()) {
				out.write(buffer, 0, deflater.deflate(buffer));
			}
			return out.toByteArray();
		}
		finally {
			deflater.end();
		}
	}

	private static byte[] inflate(byte[] data, int maxSize) throws DataFormatException, PayloadTooLargeException {
		Inflater inflater = new Inflater();
		try {
			inflater.setInput(data);
			ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(data.length * 4, maxSize));
			byte[] buffer = new byte[4096];
			while (!inflater.finished()) {
				int count = inflater.inflate(buffer);
				if (count == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
					throw new DataFormatException("truncated zlib stream");
				}
				if (out.size() + count > maxSize) {
					// stop at the bound instead of inflating a bomb to the end
					throw new PayloadTooLargeException(maxSize);
				}
				out.write(buffer, 0, count);
			}
			return out.toByteArray();
		}
		finally {
			inflater.end();
		}
	}

	static String base62(long value) {
		Assert.isTrue(value >= 0, "'value' must not be negative");
		if (value == 0) {
			return "0";
		}
		StringBuilder digits = new StringBuilder();
		for (long rest = value; rest > 0; rest /= 62) {
			digits.append(BASE62.charAt((int) (rest % 62)));
		}
		return digits.reverse().toString();
	}

	static long decodeBase62(String digits) throws BadSignatureException {
		if (digits.isEmpty() || digits.length() > 9) {
			throw new BadSignatureException("Malformed timestamp");
		}
		long value = 0;
		for (int i = 0; i < digits.length(); i++) {
			int digit = BASE62.indexOf(digits.charAt(i));
			if (digit < 0) {
				throw new BadSignatureException("Malformed timestamp");
			}
			value = value * 62 + digit;
		}
		return value;
	}

}
