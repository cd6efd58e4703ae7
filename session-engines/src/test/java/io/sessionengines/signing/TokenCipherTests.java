package io.sessionengines.signing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import io.sessionengines.engine.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link TokenCipher}.
 *
 * @author Session Engines contributors
 */
class TokenCipherTests {

	private static final int LIMIT = 64 * 1024;

	private static final String SALT = "django.contrib.sessions.SessionStore";

	private static final Instant T0 = Instant.ofEpochSecond(1_700_000_000L);

	private static final Instant B_ACTIVE = T0.plus(Duration.ofDays(1));

	private static final Duration RETIRE_AFTER = Duration.ofDays(14);

	private static final SigningKey A = SigningKey.of("a", "secret-of-key-a-0123456789abcdef");

	private static final SigningKey B = new SigningKey("b", "secret-of-key-b-0123456789abcdef", B_ACTIVE, null, false);

	private final MutableClock clock = new MutableClock(T0);

	private final TokenCipher cipher = new TokenCipher(new SigningKeyRing(List.of(A, B), RETIRE_AFTER), SALT,
			this.clock);

	@Test
	void roundTripKeepsTheDataAndTheTimeAndNamesTheKey() throws BadSignatureException {
		String token = this.cipher.encrypt(bytes("{\"user\":\"alice\"}"));
		assertThat(token).startsWith(TokenCipher.PREFIX + "a~").doesNotContain(":").doesNotContain("alice");
		this.clock.advance(Duration.ofSeconds(5));
		SignedPayload payload = this.cipher.decrypt(token, LIMIT);
		assertThat(text(payload)).isEqualTo("{\"user\":\"alice\"}");
		assertThat(payload.signedAt()).isEqualTo(T0);
		assertThat(payload.keyId()).isEqualTo("a");
		assertThat(payload.signingKey()).isTrue();
	}

	@Test
	void sameDataEncryptsDifferentlyEachTime() {
		assertThat(this.cipher.encrypt(bytes("same"))).isNotEqualTo(this.cipher.encrypt(bytes("same")));
	}

	@Test
	void tokenOfTheReplacedKeyDecryptsAsOutdatedUntilTheKeyRetires() throws BadSignatureException {
		String token = this.cipher.encrypt(bytes("data"));
		this.clock.setInstant(B_ACTIVE);
		assertThat(this.cipher.encrypt(bytes("data"))).startsWith(TokenCipher.PREFIX + "b~");
		SignedPayload payload = this.cipher.decrypt(token, LIMIT);
		assertThat(payload.keyId()).isEqualTo("a");
		assertThat(payload.signingKey()).isFalse();
		this.clock.setInstant(B_ACTIVE.plus(RETIRE_AFTER));
		assertThatExceptionOfType(BadSignatureException.class).isThrownBy(() -> this.cipher.decrypt(token, LIMIT))
			.withMessageContaining("'a' is unknown, revoked or retired");
	}

	@Test
	void tokenOfARevokedKeyDoesNotDecryptWhileTheOtherKeysTokensDo() throws BadSignatureException {
		String underA = this.cipher.encrypt(bytes("a"));
		this.clock.setInstant(B_ACTIVE);
		String underB = this.cipher.encrypt(bytes("b"));
		SigningKey revokedA = new SigningKey("a", A.getSecret(), null, null, true);
		TokenCipher revoking = new TokenCipher(new SigningKeyRing(List.of(revokedA, B), RETIRE_AFTER), SALT,
				this.clock);
		assertThatExceptionOfType(BadSignatureException.class).isThrownBy(() -> revoking.decrypt(underA, LIMIT));
		assertThat(text(revoking.decrypt(underB, LIMIT))).isEqualTo("b");
	}

	@Test
	void tokenOfAnotherSaltDoesNotDecrypt() {
		String token = new TokenCipher(new SigningKeyRing(List.of(A), RETIRE_AFTER),
				"django.contrib.sessions.backends.signed_cookies", this.clock)
			.encrypt(bytes("cookie"));
		assertThatExceptionOfType(BadSignatureException.class).isThrownBy(() -> this.cipher.decrypt(token, LIMIT));
	}

	@Test
	void tokenMovedToAnotherKeyIdDoesNotDecrypt() {
		// the same secret under two ids: only the id in the authenticated data tells them
		SigningKey twin = SigningKey.of("twin", A.getSecret());
		TokenCipher twins = new TokenCipher(new SigningKeyRing(List.of(A, twin), RETIRE_AFTER), SALT, this.clock);
		String token = twins.encrypt(bytes("data"));
		String moved = token.replace(TokenCipher.PREFIX + "a~", TokenCipher.PREFIX + "twin~");
		assertThatExceptionOfType(BadSignatureException.class).isThrownBy(() -> twins.decrypt(moved, LIMIT))
			.withMessageContaining("does not authenticate");
	}

	@Test
	void everyFlippedBitOfTheSealedBytesIsDetected() {
		String token = this.cipher.encrypt(bytes("{\"user\":\"alice\"}"));
		String prefix = TokenCipher.PREFIX + "a~";
		byte[] sealed = Base64.getUrlDecoder().decode(token.substring(prefix.length()));
		for (int i = 0; i < sealed.length * 8; i++) {
			byte[] flipped = sealed.clone();
			flipped[i / 8] ^= (byte) (1 << (i % 8));
			String tampered = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(flipped);
			assertThatExceptionOfType(BadSignatureException.class).as("bit %d", i)
				.isThrownBy(() -> this.cipher.decrypt(tampered, LIMIT));
		}
	}

	@Test
	void malformedTokensAreBadSignatures() {
		String token = this.cipher.encrypt(bytes("data"));
		List<String> hostile = List.of(TokenCipher.PREFIX, TokenCipher.PREFIX + "a", TokenCipher.PREFIX + "a~",
				TokenCipher.PREFIX + "~AAAA", TokenCipher.PREFIX + "a:b~AAAA", TokenCipher.PREFIX + "a~AAAA",
				TokenCipher.PREFIX + "a~!!!!", token.substring(0, token.length() - 4), token + "AAAA",
				TokenCipher.PREFIX + "zz~" + token.substring((TokenCipher.PREFIX + "a~").length()),
				TokenCipher.PREFIX + "x".repeat(40) + "~AAAA", "eyJrIjoieCJ9:1r31eq:sig");
		for (String value : hostile) {
			assertThatExceptionOfType(BadSignatureException.class).as(value)
				.isThrownBy(() -> this.cipher.decrypt(value, LIMIT));
		}
	}

	@Test
	void hugeTokenIsRefusedBeforeItIsDecoded() {
		String huge = TokenCipher.PREFIX + "a~" + "A".repeat(10 * LIMIT);
		assertThatExceptionOfType(PayloadTooLargeException.class).isThrownBy(() -> this.cipher.decrypt(huge, LIMIT));
	}

	@Test
	void contentLargerThanTheBoundIsRefused() {
		String token = this.cipher.encrypt(new byte[1000]);
		assertThatExceptionOfType(PayloadTooLargeException.class).isThrownBy(() -> this.cipher.decrypt(token, 999));
	}

	@Test
	void encryptedTokenCanNeverBeADjangoToken() {
		// Django splits a token at its last ':' for the signature; an encrypted token has
		// none, and starts with a character no Django payload starts with
		String token = this.cipher.encrypt(bytes("data"));
		assertThat(token).doesNotContain(":");
		TimestampSigner django = new TimestampSigner(A.getSecret(), List.of(), SALT, this.clock);
		assertThatExceptionOfType(BadSignatureException.class).isThrownBy(() -> django.unsign(token, LIMIT))
			.withMessageContaining("No ':' found");
		assertThat(TokenCipher.isEncrypted(django.sign(bytes("data")))).isFalse();
		assertThat(TokenCipher.isEncrypted(django.sign(bytes("x".repeat(500))))).isFalse();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(SignedPayload payload) {
		return new String(payload.data(), StandardCharsets.UTF_8);
	}

}
