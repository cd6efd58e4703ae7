package io.sessionengines.django;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.sessionengines.signing.SigningKey;
import io.sessionengines.signing.SigningKeyRing;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Django's session auth hash, the {@code _auth_user_hash} that a Django session holds
 * beside the user's id: an HMAC of the user's password hash, so that changing the
 * password logs out the user's other sessions.
 * <p>
 * It is {@code AbstractBaseUser.get_session_auth_hash()}: Django's {@code salted_hmac}
 * with the key salt {@value #KEY_SALT} and SHA-256 (the HMAC-SHA256 key is the SHA-256 of
 * the key salt followed by the secret key, both UTF-8), over the UTF-8 password hash
 * string, in lowercase hexadecimal. New hashes use the secret key; a stored hash
 * {@linkplain #verify verifies} against the secret key or any fallback key
 * ({@code SECRET_KEY_FALLBACKS}), and the result tells which, because Django then
 * re-stores a fallback-key hash under the current key (with {@code cycle_key()}). With a
 * {@link SigningKeyRing}, the ring's signing key is the secret key and its other
 * verifying keys are the fallback keys, at each moment; revoked and retired keys verify
 * nothing. The SHA-1 hashes of Django before 3.1 are not accepted. Instances are
 * thread-safe.
 *
 * @author Session Engines contributors
 * @since 0.3.0
 */
public final class DjangoSessionAuthHash {

	/**
	 * The key salt of Django's session auth hash.
	 */
	public static final String KEY_SALT = "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash";

	private static final String HMAC = "HmacSHA256";

	private final SigningKeyRing ring;

	// a Mac set up once per key, copied per use, as the signer does
	private final Map<String, Mac> macs;

	private final Clock clock;

	/**
	 * Create the hash for a secret key without fallback keys.
	 * @param secretKey the value of Django's {@code SECRET_KEY}
	 */
	public DjangoSessionAuthHash(String secretKey) {
		this(secretKey, List.of());
	}

	/**
	 * Create the hash for a secret key and older keys that still verify.
	 * @param secretKey the value of Django's {@code SECRET_KEY}
	 * @param fallbackKeys the values of Django's {@code SECRET_KEY_FALLBACKS}, in order
	 */
	public DjangoSessionAuthHash(String secretKey, List<String> fallbackKeys) {
		this(djangoKeys(secretKey, fallbackKeys), Clock.systemUTC());
	}

	/**
	 * Create the hash for the keys of a key ring.
	 * @param ring the keys, and which of them sign and verify when
	 * @param clock the clock that picks the keys
	 */
	public DjangoSessionAuthHash(SigningKeyRing ring, Clock clock) {
		Assert.notNull(ring, "'ring' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		this.ring = ring;
		Map<String, Mac> macs = new HashMap<>();
		for (SigningKey key : ring.getKeys()) {
			if (!key.isRevoked()) {
				macs.put(key.getId(), mac(key.getSecret()));
			}
		}
		this.macs = Map.copyOf(macs);
		this.clock = clock;
	}

	private static SigningKeyRing djangoKeys(String secretKey, List<String> fallbackKeys) {
		Assert.hasLength(secretKey, "'secretKey' must not be empty");
		Assert.notNull(fallbackKeys, "'fallbackKeys' must not be null");
		Assert.noNullElements(fallbackKeys, "'fallbackKeys' must not contain null elements");
		return SigningKeyRing.of(secretKey, fallbackKeys);
	}

	/**
	 * Return the session auth hash of a password hash under the secret key, as Django
	 * stores it in a session at login.
	 * @param passwordHash the user's password hash string (Django's
	 * {@code user.password})
	 * @return 64 lowercase hexadecimal digits
	 */
	public String hash(String passwordHash) {
		Assert.notNull(passwordHash, "'passwordHash' must not be null");
		SigningKey key = this.ring.keysAt(this.clock.instant()).requireSigningKey();
		return hash(macOf(key), passwordHash);
	}

	/**
	 * Check a session's stored hash against the user's password hash, as Django's
	 * {@code get_user} does: under the secret key, then under each fallback key. Every
	 * comparison is made, in constant time, whichever matches.
	 * @param sessionHash the session's {@code _auth_user_hash}, or {@code null} when it
	 * has none
	 * @param passwordHash the user's current password hash string
	 * @return whether and under which key it matched
	 */
	public Verification verify(@Nullable String sessionHash, String passwordHash) {
		Assert.notNull(passwordHash, "'passwordHash' must not be null");
		if (sessionHash == null || sessionHash.isEmpty()) {
			return Verification.MISMATCH;
		}
		byte[] stored = sessionHash.getBytes(StandardCharsets.UTF_8);
		SigningKeyRing.Keys keys = this.ring.keysAt(this.clock.instant());
		boolean current = false;
		boolean fallback = false;
		for (SigningKey key : keys.verificationKeys()) {
			boolean matches = matches(stored, macOf(key), passwordHash);
			if (key == keys.signingKey()) {
				current = matches;
			}
			else {
				fallback |= matches;
			}
		}
		if (current) {
			return Verification.CURRENT_KEY;
		}
		return fallback ? Verification.FALLBACK_KEY : Verification.MISMATCH;
	}

	private static boolean matches(byte[] stored, Mac key, String passwordHash) {
		return MessageDigest.isEqual(stored, hash(key, passwordHash).getBytes(StandardCharsets.US_ASCII));
	}

	private Mac macOf(SigningKey key) {
		Mac mac = this.macs.get(key.getId());
		Assert.state(mac != null, () -> "Key '" + key.getId() + "' has no MAC: it is revoked");
		return mac;
	}

	private static String hash(Mac key, String passwordHash) {
		try {
			Mac mac = (Mac) key.clone();
			return HexFormat.of().formatHex(mac.doFinal(passwordHash.getBytes(StandardCharsets.UTF_8)));
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException(HMAC + " cannot be copied", ex);
		}
	}

	/**
	 * Django's {@code salted_hmac} key: SHA-256 over the key salt and the secret.
	 */
	private static Mac mac(String secret) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			sha256.update(KEY_SALT.getBytes(StandardCharsets.UTF_8));
			byte[] key = sha256.digest(secret.getBytes(StandardCharsets.UTF_8));
			Mac mac = Mac.getInstance(HMAC);
			mac.init(new SecretKeySpec(key, HMAC));
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(HMAC + " is not available", ex);
		}
	}

	/**
	 * The outcome of {@link #verify}.
	 */
	public enum Verification {

		/**
		 * The stored hash is the one under the secret key: the session stays logged in.
		 */
		CURRENT_KEY,

		/**
		 * The stored hash is the one under a fallback key: the session stays logged in,
		 * and Django cycles the session key and stores the hash under the secret key.
		 */
		FALLBACK_KEY,

		/**
		 * No key gives the stored hash (the password changed, or the hash is missing):
		 * Django flushes the session, which is no longer logged in.
		 */
		MISMATCH;

		/**
		 * Return whether the session stays logged in.
		 * @return whether the stored hash matched under some key
		 */
		public boolean isMatch() {
			return this != MISMATCH;
		}

	}

}
