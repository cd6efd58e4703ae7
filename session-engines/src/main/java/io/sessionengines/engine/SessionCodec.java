package io.sessionengines.engine;

import java.time.Instant;
import java.util.Map;

import io.sessionengines.serializer.SessionSerializationException;
import io.sessionengines.serializer.SessionSerializer;
import io.sessionengines.signing.BadSignatureException;
import io.sessionengines.signing.SignedPayload;
import io.sessionengines.signing.TimestampSigner;
import io.sessionengines.signing.TokenCipher;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Encodes session data as a signed token and back, as Django's {@code SessionBase.encode}
 * and {@code decode} do: the serialized data signed with Django's token format. The token
 * is the version of a stored session ({@link SessionDataFormat}).
 * <p>
 * With a {@link TokenCipher}, the codec reads encrypted tokens too, and when it encrypts,
 * it encrypts instead of signing (which Django cannot read). It reads both kinds of token
 * either way, so that turning encryption on or off logs nobody out. A token of the kind
 * it does not write, or, when the signer's key ring
 * {@linkplain io.sessionengines.signing.SigningKeyRing#isUpgradeOnRead() upgrades on
 * read}, one that a key other than the current signing key made, decodes as
 * {@linkplain Decoded#outdated() outdated}: the request that reads it saves it anew.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public final class SessionCodec implements SessionDataFormat {

	/**
	 * The salt Django uses for stored session data ({@code db}, {@code file} and the
	 * database half of {@code cached_db}).
	 */
	public static final String STORED_DATA_SALT = "django.contrib.sessions.SessionStore";

	/**
	 * The default bound on the size of serialized session data: 1 MiB.
	 */
	public static final int DEFAULT_MAX_DATA_SIZE = 1024 * 1024;

	private static final Log logger = LogFactory.getLog(SessionCodec.class);

	private final SessionSerializer serializer;

	private final TimestampSigner signer;

	private final @Nullable TokenCipher cipher;

	private final boolean encrypt;

	private final int maxDataSize;

	private final boolean compress;

	/**
	 * Create a codec whose data is bounded by {@link #DEFAULT_MAX_DATA_SIZE}.
	 * @param serializer the serializer
	 * @param signer the signer, with the salt for the kind of data it signs
	 */
	public SessionCodec(SessionSerializer serializer, TimestampSigner signer) {
		this(serializer, signer, DEFAULT_MAX_DATA_SIZE);
	}

	/**
	 * Create a codec.
	 * @param serializer the serializer
	 * @param signer the signer, with the salt for the kind of data it signs
	 * @param maxDataSize the largest serialized (uncompressed) data, in bytes, that is
	 * encoded or decoded; larger data is refused when encoded and unreadable when
	 * decoded, so a compressed token can never inflate beyond it
	 */
	public SessionCodec(SessionSerializer serializer, TimestampSigner signer, int maxDataSize) {
		this(serializer, signer, null, false, maxDataSize);
	}

	/**
	 * Create a codec that reads signed and encrypted tokens, and writes one kind.
	 * @param serializer the serializer
	 * @param signer the signer, with the salt for the kind of data it signs, which
	 * verifies signed tokens
	 * @param cipher the cipher, with the same salt, that decrypts encrypted tokens and
	 * encrypts new ones when {@code encrypt} is set, or {@code null} to read no encrypted
	 * token
	 * @param encrypt whether new tokens are encrypted rather than signed; needs a cipher
	 * @param maxDataSize the largest serialized (uncompressed) data, in bytes, that is
	 * encoded or decoded
	 */
	public SessionCodec(SessionSerializer serializer, TimestampSigner signer, @Nullable TokenCipher cipher,
			boolean encrypt, int maxDataSize) {
		Assert.notNull(serializer, "'serializer' must not be null");
		Assert.notNull(signer, "'signer' must not be null");
		Assert.isTrue(!encrypt || cipher != null, "'cipher' must not be null to encrypt");
		Assert.isTrue(maxDataSize > 0, "'maxDataSize' must be positive");
		this.serializer = serializer;
		this.signer = signer;
		this.cipher = cipher;
		this.encrypt = encrypt;
		this.maxDataSize = maxDataSize;
		this.compress = true;
	}

	private SessionCodec(SessionCodec codec, boolean compress) {
		this.serializer = codec.serializer;
		this.signer = codec.signer;
		this.cipher = codec.cipher;
		this.encrypt = codec.encrypt;
		this.maxDataSize = codec.maxDataSize;
		this.compress = compress;
	}

	/**
	 * Return a codec like this one that signs data without compressing it, for a store in
	 * this process's memory: there compressing costs more than the memory it saves (it is
	 * a quarter of a save's CPU), and no other program reads the tokens. Its tokens
	 * decode with either codec.
	 * @return the codec
	 */
	public SessionCodec uncompressed() {
		return this.compress ? new SessionCodec(this, false) : this;
	}

	/**
	 * Return the serializer of the session data.
	 * @return the serializer
	 * @since 0.4.0
	 */
	public SessionSerializer getSerializer() {
		return this.serializer;
	}

	/**
	 * Return session data as a token of this codec decodes to, copied without encoding,
	 * for a store in this process's memory that keeps data rather than tokens: when the
	 * serializer can make such a copy ({@link SessionSerializer#readBackCopy}) and the
	 * data is surely within the size bound. Never when the codec encrypts, as data asked
	 * to be encrypted is not kept in the clear, nor with a key ring, whose keys retire or
	 * are revoked while the data would be kept without one.
	 * @param data the session data
	 * @return a new mutable map, or {@code null} when the data must be encoded
	 * @since 0.4.0
	 */
	public @Nullable Map<String, @Nullable Object> readBackCopy(Map<String, @Nullable Object> data) {
		if (this.encrypt || this.signer.getKeyRing().isUpgradeOnRead()
				|| this.serializer.serializedSizeBound(data, this.maxDataSize) < 0) {
			return null;
		}
		return this.serializer.readBackCopy(data);
	}

	/**
	 * Encode session data.
	 * @param data the session data
	 * @return the signed or encrypted token
	 * @throws SessionDataTooLargeException if the serialized data is larger than the
	 * bound
	 */
	@Override
	public String encode(Map<String, @Nullable Object> data) {
		byte[] serialized = this.serializer.serialize(data);
		if (serialized.length > this.maxDataSize) {
			throw new SessionDataTooLargeException(serialized.length, this.maxDataSize);
		}
		return (this.encrypt && this.cipher != null) ? this.cipher.encrypt(serialized)
				: this.signer.sign(serialized, this.compress);
	}

	/**
	 * Decode a token.
	 * @param token the signed or encrypted token
	 * @return the session data, the time it was signed and whether it is outdated
	 * @throws BadSignatureException if the token is malformed, not signed with one of the
	 * keys that verify now, encrypted when this codec has no cipher, or its data is
	 * larger than the bound
	 * @throws SessionSerializationException if the signed data cannot be deserialized
	 */
	public Decoded decode(String token) throws BadSignatureException {
		SignedPayload payload;
		boolean otherKind;
		if (TokenCipher.isEncrypted(token)) {
			if (this.cipher == null) {
				throw new BadSignatureException("Encrypted session data, but this codec has no cipher");
			}
			payload = this.cipher.decrypt(token, this.maxDataSize);
			otherKind = !this.encrypt;
		}
		else {
			payload = this.signer.unsign(token, this.maxDataSize);
			otherKind = this.encrypt;
		}
		boolean oldKey = !payload.signingKey() && this.signer.getKeyRing().isUpgradeOnRead();
		return new Decoded(this.serializer.deserialize(payload.data()), payload.signedAt(), otherKind || oldKey);
	}

	/**
	 * Decode a session's token as Django's {@code SessionBase.decode} does: data that was
	 * tampered with or cannot be read (a class was renamed, a type changed) counts as no
	 * data, with a warning in the log that names the session by a hash of its key.
	 * @param key the session key, for the log
	 * @param token the signed token
	 * @return the session data, or {@code null} when the token does not decode
	 */
	@Override
	public @Nullable Map<String, @Nullable Object> decodeData(String key, String token) {
		StoredSession stored = decodeStored(key, token);
		return (stored != null) ? stored.data() : null;
	}

	/**
	 * Decode a session's token as {@link #decodeData} does, with the token as the version
	 * and whether it is outdated.
	 * @param key the session key, for the log
	 * @param token the signed or encrypted token
	 * @return the stored session, or {@code null} when the token does not decode
	 */
	@Override
	public @Nullable StoredSession decodeStored(String key, String token) {
		try {
			Decoded decoded = decode(token);
			return new StoredSession(decoded.data(), token, decoded.outdated());
		}
		catch (BadSignatureException | SessionSerializationException ex) {
			logger.warn("Session data corrupted (session " + SessionKeyHash.of(key) + "): " + ex.getMessage());
			return null;
		}
	}

	/**
	 * Return the token that a version of {@link #decodeStored} is.
	 * @param version a version an engine that stores tokens made
	 * @return the token
	 * @throws IllegalArgumentException if the version is not a token
	 */
	public static String token(Object version) {
		Assert.isInstanceOf(String.class, version, "'expectedVersion' must be a version this engine made");
		return (String) version;
	}

	/**
	 * Decoded session data.
	 *
	 * @param data the session data, in a mutable map
	 * @param signedAt when the data was signed
	 * @param outdated whether a key other than the current signing key made the token
	 * (with a key ring that upgrades on read), or the token is of the kind (signed or
	 * encrypted) the codec does not write, so that encoding the data again upgrades it
	 */
	public record Decoded(Map<String, @Nullable Object> data, Instant signedAt, boolean outdated) {

	}

}
