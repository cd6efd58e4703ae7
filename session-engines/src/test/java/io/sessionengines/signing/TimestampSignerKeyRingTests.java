package io.sessionengines.signing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.sessionengines.engine.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link TimestampSigner} on a {@link SigningKeyRing}: its tokens stay
 * Django's, so Django with the ring's signing key as {@code SECRET_KEY} and its other
 * keys as {@code SECRET_KEY_FALLBACKS} reads and writes them.
 *
 * @author Session Engines contributors
 */
class TimestampSignerKeyRingTests {

	private static final int LIMIT = 1024 * 1024;

	/**
	 * The secret of the reference's test vectors.
	 */
	private static final String VECTOR_SECRET = "django-insecure-test-vector-secret";

	private static final String OTHER_SECRET = "another-secret-of-enough-variety-for-a-key";

	private static final String SALT = "django.contrib.sessions.SessionStore";

	private static final Instant VECTOR_TIME = Instant.ofEpochSecond(1_700_000_000L);

	/**
	 * Made by Django: {@code signing.dumps({"k": "x"}, salt=SALT, compress=True)} at
	 * {@link #VECTOR_TIME} with {@link #VECTOR_SECRET}.
	 */
	private static final String K_X_STORED_DATA = "eyJrIjoieCJ9:1r31eq:TEjPDJkMYJyG4-vsC5rjHE0VLzs0S0YAFP7Eh36mpuA";

	private static final Duration RETIRE_AFTER = Duration.ofDays(14);

	private final MutableClock clock = new MutableClock(VECTOR_TIME);

	@Test
	void signingKeyOfARingSignsDjangosTokenByteForByte() {
		SigningKeyRing ring = new SigningKeyRing(
				List.of(new SigningKey("old", OTHER_SECRET, null, null, false),
						new SigningKey("vector", VECTOR_SECRET, VECTOR_TIME.minusSeconds(1), null, false)),
				RETIRE_AFTER);
		TimestampSigner signer = new TimestampSigner(ring, SALT, this.clock);
		assertThat(signer.sign("{\"k\":\"x\"}".getBytes(StandardCharsets.US_ASCII))).isEqualTo(K_X_STORED_DATA);
	}

	@Test
	void ringTokenVerifiesUnderDjangosSecretKeyAndDjangosTokenUnderTheRing() throws BadSignatureException {
		SigningKeyRing ring = new SigningKeyRing(List.of(SigningKey.of("current", OTHER_SECRET)), RETIRE_AFTER);
		String token = new TimestampSigner(ring, SALT, this.clock).sign(data("ring"));
		TimestampSigner django = new TimestampSigner(OTHER_SECRET, List.of(), SALT, this.clock);
		assertThat(text(django.unsign(token, LIMIT))).isEqualTo("ring");
		String djangoToken = django.sign(data("django"));
		SignedPayload payload = new TimestampSigner(ring, SALT, this.clock).unsign(djangoToken, LIMIT);
		assertThat(text(payload)).isEqualTo("django");
		assertThat(payload.keyId()).isEqualTo("current");
		assertThat(payload.signingKey()).isTrue();
	}

	@Test
	void tokenOfAnOlderKeyVerifiesAsNotTheSigningKeysAsDjangoFallbackDoes() throws BadSignatureException {
		SigningKeyRing ring = new SigningKeyRing(List.of(SigningKey.of("vector", VECTOR_SECRET),
				new SigningKey("new", OTHER_SECRET, VECTOR_TIME, null, false)), RETIRE_AFTER);
		TimestampSigner signer = new TimestampSigner(ring, SALT, this.clock);
		SignedPayload payload = signer.unsign(K_X_STORED_DATA, LIMIT);
		assertThat(text(payload)).isEqualTo("{\"k\":\"x\"}");
		assertThat(payload.keyId()).isEqualTo("vector");
		assertThat(payload.signingKey()).isFalse();
		// Django with SECRET_KEY=new and SECRET_KEY_FALLBACKS=[vector] reads what the
		// ring
		// writes now
		TimestampSigner django = new TimestampSigner(OTHER_SECRET, List.of(VECTOR_SECRET), SALT, this.clock);
		assertThat(text(django.unsign(signer.sign(data("now")), LIMIT))).isEqualTo("now");
	}

	@Test
	void retiredKeysTokenNoLongerVerifies() throws BadSignatureException {
		SigningKeyRing ring = new SigningKeyRing(List.of(SigningKey.of("vector", VECTOR_SECRET),
				new SigningKey("new", OTHER_SECRET, VECTOR_TIME, null, false)), RETIRE_AFTER);
		TimestampSigner signer = new TimestampSigner(ring, SALT, this.clock);
		this.clock.setInstant(VECTOR_TIME.plus(RETIRE_AFTER).minusSeconds(1));
		assertThat(signer.unsign(K_X_STORED_DATA, LIMIT).keyId()).isEqualTo("vector");
		this.clock.setInstant(VECTOR_TIME.plus(RETIRE_AFTER));
		assertThatExceptionOfType(BadSignatureException.class).isThrownBy(() -> signer.unsign(K_X_STORED_DATA, LIMIT))
			.withMessage("Signed with key 'vector', which is retired");
	}

	@Test
	void revokedKeysTokenDoesNotVerifyWhileTheOtherKeysTokensDo() throws BadSignatureException {
		String otherToken = new TimestampSigner(OTHER_SECRET, List.of(), SALT, this.clock).sign(data("other"));
		SigningKeyRing ring = new SigningKeyRing(List.of(SigningKey.of("other", OTHER_SECRET),
				new SigningKey("vector", VECTOR_SECRET, null, null, true)), RETIRE_AFTER);
		TimestampSigner signer = new TimestampSigner(ring, SALT, this.clock);
		assertThatExceptionOfType(BadSignatureException.class).isThrownBy(() -> signer.unsign(K_X_STORED_DATA, LIMIT))
			.withMessage("Signed with key 'vector', which is revoked");
		assertThat(text(signer.unsign(otherToken, LIMIT))).isEqualTo("other");
		assertThatExceptionOfType(BadSignatureException.class)
			.isThrownBy(() -> signer.unsign(K_X_STORED_DATA.replace("eyJr", "eyJs"), LIMIT))
			.withMessage("Signature does not match");
	}

	@Test
	void keyNotYetActiveVerifiesButDoesNotSign() throws BadSignatureException {
		SigningKeyRing ring = new SigningKeyRing(
				List.of(SigningKey.of("current", OTHER_SECRET),
						new SigningKey("vector", VECTOR_SECRET, VECTOR_TIME.plusSeconds(60), null, false)),
				RETIRE_AFTER);
		TimestampSigner signer = new TimestampSigner(ring, SALT, this.clock);
		// written by a server whose clock is ahead and already signs with the new key
		SignedPayload payload = signer.unsign(K_X_STORED_DATA, LIMIT);
		assertThat(payload.keyId()).isEqualTo("vector");
		TimestampSigner current = new TimestampSigner(OTHER_SECRET, List.of(), SALT, this.clock);
		assertThat(text(current.unsign(signer.sign(data("x")), LIMIT))).isEqualTo("x");
	}

	private static byte[] data(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(SignedPayload payload) {
		return new String(payload.data(), StandardCharsets.UTF_8);
	}

}
