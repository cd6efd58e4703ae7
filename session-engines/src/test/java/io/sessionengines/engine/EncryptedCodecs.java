package io.sessionengines.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.sessionengines.signing.SigningKey;
import io.sessionengines.signing.SigningKeyRing;
import io.sessionengines.signing.TimestampSigner;
import io.sessionengines.signing.TokenCipher;
import io.sessionengines.testsupport.TypedTestValues;

/**
 * Codecs that encrypt session data, for the engine contract run with encryption at rest.
 *
 * @author Session Engines contributors
 */
public final class EncryptedCodecs {

	/**
	 * The secret of the ring's one key.
	 */
	public static final String SECRET = "encryption-test-secret-0123456789abcdefghij";

	private EncryptedCodecs() {
	}

	/**
	 * Return a codec that encrypts with a one-key ring.
	 * @param salt the salt
	 * @param clock the clock
	 * @param maxDataSize the bound on serialized data
	 * @return the codec
	 */
	public static SessionCodec codec(String salt, Clock clock, int maxDataSize) {
		SigningKeyRing ring = ring();
		return new SessionCodec(TypedTestValues.serializer(), new TimestampSigner(ring, salt, clock),
				new TokenCipher(ring, salt, clock), true, maxDataSize);
	}

	/**
	 * Return the ring of the codecs: one key, {@code k2026}.
	 * @return the ring
	 */
	public static SigningKeyRing ring() {
		return new SigningKeyRing(List.of(SigningKey.of("k2026", SECRET)), Duration.ofDays(14));
	}

	/**
	 * Return a codec that encrypts with a one-key ring, with the default bound.
	 * @param salt the salt
	 * @param clock the clock
	 * @return the codec
	 */
	public static SessionCodec codec(String salt, Clock clock) {
		return codec(salt, clock, SessionCodec.DEFAULT_MAX_DATA_SIZE);
	}

}
