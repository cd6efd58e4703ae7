package io.sessionengines.signing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.util.Assert;

/**
 * Encrypts data into a token with AES-256-GCM under the keys of a {@link SigningKeyRing},
 * and back: data at rest that only the holders of the keys can read, where a
 * {@link TimestampSigner} token only keeps others from changing it.
 * <p>
 * A token is {@value #PREFIX}, the id of the key, {@code ~}, then base64url without
 * padding of the 96-bit nonce, the ciphertext and the 128-bit tag. The plaintext is the
 * signing time (Unix seconds, 8 bytes) and the data, so the time survives as in a signed
 * token; the GCM tag takes the place of the HMAC signature. The data is not compressed:
 * compressing before encrypting would let whoever puts values in a session and sees the
 * size of the result guess the other values (as CRIME and BREACH did). Each key's AES key
 * is derived once, as HMAC-SHA256 under the secret of a fixed label and the salt, so it
 * is never the secret itself and differs by salt; the salt and the key id are the
 * additional authenticated data, so a token made for one purpose or under one key id
 * never opens as another. Each token has a fresh random nonce.
 * <p>
 * A token names its key, which decrypts it directly: tokens of revoked, retired or
 * unknown keys do not open. Every token contains {@code ~} and no {@code :}, so it can
 * never be mistaken for Django's {@code PAYLOAD:TIMESTAMP:SIGNATURE}; Django cannot read
 * it. Instances are thread-safe.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public final class TokenCipher {

	/**
	 * How every encrypted token starts: with a character that no Django token starts with
	 * and a format version.
	 */
	public static final String PREFIX = "~gcm1~";

	private static final char KEY_ID_END = '~';

	private static final String KEY_LABEL = "io.sessionengines.signing.TokenCipher";

	private static final String TRANSFORMATION = "AES/GCM/NoPadding";

	private static final int NONCE_LENGTH = 12;

	private static final int TAG_BITS = 128;

	private static final int TIMESTAMP_LENGTH = Long.BYTES;

	private static final int OVERHEAD = NONCE_LENGTH + TIMESTAMP_LENGTH + TAG_BITS / 8;

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private final SigningKeyRing ring;

	private final String salt;

	// derived once: deriving costs more than encrypting a session
	private final Map<String, SecretKeySpec> aesKeys;

	private final SecureRandom random = new SecureRandom();

	private final Clock clock;

	/**
	 * Create a cipher.
	 * @param ring the keys, and which of them encrypt and decrypt when
	 * @param salt the namespace that keeps tokens of different purposes apart
	 * @param clock the clock that stamps new tokens and picks the keys
	 */
	public TokenCipher(SigningKeyRing ring, String salt, Clock clock) {
		Assert.notNull(ring, "'ring' must not be null");
		Assert.notNull(salt, "'salt' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		this.ring = ring;
		this.salt = salt;
		Map<String, SecretKeySpec> aesKeys = new HashMap<>();
		for (SigningKey key : ring.getKeys()) {
			if (!key.isRevoked()) {
				aesKeys.put(key.getId(), deriveKey(key.getSecret(), salt));
			}
		}
		this.aesKeys = Map.copyOf(aesKeys);
		this.clock = clock;
		// fail now, not on the first request, if this JDK has no AES-GCM
		cipher();
	}

	/**
	 * Return whether a token is an encrypted one, by its prefix.
	 * @param token the token
	 * @return whether it starts with {@link #PREFIX}
	 */
	public static boolean isEncrypted(String token) {
		return token.startsWith(PREFIX);
	}

	/**
	 * Encrypt data under the ring's signing key.
	 * @param data the serialized object
	 * @return the token
	 */
	public String encrypt(byte[] data) {
		Instant now = this.clock.instant();
		SigningKey key = this.ring.keysAt(now).requireSigningKey();
		byte[] nonce = new byte[NONCE_LENGTH];
		this.random.nextBytes(nonce);
		byte[] plaintext = ByteBuffer.allocate(TIMESTAMP_LENGTH + data.length)
			.putLong(now.getEpochSecond())
			.put(data)
			.array();
		try {
			Cipher cipher = cipher();
			cipher.init(Cipher.ENCRYPT_MODE, this.aesKeys.get(key.getId()), new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(associatedData(key.getId()));
			byte[] sealed = new byte[NONCE_LENGTH + cipher.getOutputSize(plaintext.length)];
			System.arraycopy(nonce, 0, sealed, 0, NONCE_LENGTH);
			cipher.doFinal(plaintext, 0, plaintext.length, sealed, NONCE_LENGTH);
			return PREFIX + key.getId() + KEY_ID_END + ENCODER.encodeToString(sealed);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM encryption failed", ex);
		}
	}

	/**
	 * Decrypt a token and return its content.
	 * @param token the token
	 * @param maxDataSize the largest content accepted, in bytes; a longer token is
	 * refused before it is decoded
	 * @return the serialized object, its encryption time and the key that decrypted it
	 * @throws BadSignatureException if the token is malformed, names a key that does not
	 * decrypt now (unknown, revoked or retired), or does not authenticate; a
	 * {@link PayloadTooLargeException} if the content is larger than the bound
	 */
	public SignedPayload decrypt(String token, int maxDataSize) throws BadSignatureException {
		if (!isEncrypted(token)) {
			throw new BadSignatureException("Not an encrypted token");
		}
		int idEnd = token.indexOf(KEY_ID_END, PREFIX.length());
		String id = (idEnd > 0) ? token.substring(PREFIX.length(), idEnd) : "";
		if (!SigningKey.ID_PATTERN.matcher(id).matches()) {
			throw new BadSignatureException("Malformed encrypted token: no key id");
		}
		String encoded = token.substring(idEnd + 1);
		if ((long) encoded.length() * 3 / 4 > (long) maxDataSize + OVERHEAD) {
			throw new PayloadTooLargeException(maxDataSize);
		}
		SigningKeyRing.Keys keys = this.ring.keysAt(this.clock.instant());
		SigningKey key = keys.verificationKey(id);
		if (key == null) {
			throw new BadSignatureException("Key '" + id + "' is unknown, revoked or retired");
		}
		byte[] sealed;
		try {
			sealed = DECODER.decode(encoded);
		}
		catch (IllegalArgumentException ex) {
			throw new BadSignatureException("Malformed encrypted token: " + ex.getMessage());
		}
		if (sealed.length < OVERHEAD) {
			throw new BadSignatureException("Malformed encrypted token: too short");
		}
		byte[] plaintext;
		try {
			Cipher cipher = cipher();
			cipher.init(Cipher.DECRYPT_MODE, this.aesKeys.get(id),
					new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_LENGTH));
			cipher.updateAAD(associatedData(id));
			plaintext = cipher.doFinal(sealed, NONCE_LENGTH, sealed.length - NONCE_LENGTH);
		}
		catch (AEADBadTagException ex) {
			throw new BadSignatureException("Encrypted token does not authenticate under key '" + id + "'");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM decryption failed", ex);
		}
		ByteBuffer buffer = ByteBuffer.wrap(plaintext);
		Instant signedAt = Instant.ofEpochSecond(buffer.getLong());
		byte[] data = new byte[buffer.remaining()];
		if (data.length > maxDataSize) {
			throw new PayloadTooLargeException(maxDataSize);
		}
		buffer.get(data);
		return new SignedPayload(data, signedAt, id, key == keys.signingKey());
	}

	private byte[] associatedData(String keyId) {
		return (this.salt + '\0' + keyId).getBytes(StandardCharsets.UTF_8);
	}

	private static Cipher cipher() {
		try {
			return Cipher.getInstance(TRANSFORMATION);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available", ex);
		}
	}

	private static SecretKeySpec deriveKey(String secret, String salt) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			byte[] key = mac.doFinal((KEY_LABEL + '\0' + salt).getBytes(StandardCharsets.UTF_8));
			return new SecretKeySpec(key, "AES");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

}
