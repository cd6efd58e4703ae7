package io.sessionengines.django;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import io.sessionengines.django.DjangoSessionAuthHash.Verification;
import io.sessionengines.django.DjangoVectors.SessionAuthHashVector;
import io.sessionengines.engine.MutableClock;
import io.sessionengines.signing.SigningKey;
import io.sessionengines.signing.SigningKeyRing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link DjangoSessionAuthHash}.
 *
 * @author Session Engines contributors
 */
class DjangoSessionAuthHashTests {

	private static final String SECRET = "django-insecure-test-vector-secret";

	private static final String FALLBACK = "fallback-secret-1";

	static Stream<SessionAuthHashVector> djangoVectors() {
		return DjangoVectors.sessionAuthHashes().stream();
	}

	@Test
	void hashMatchesTheReferenceVector() {
		// django-sessions.md §8, generated with Django for the password-hash string
		// "pbkdf2_sha256$x"
		assertThat(new DjangoSessionAuthHash(SECRET).hash("pbkdf2_sha256$x"))
			.isEqualTo("0234e0c3837b82d3f5ba3a395ec0cf670a01bb9f1294873f85e3e97a1993cb04");
	}

	@ParameterizedTest
	@MethodSource("djangoVectors")
	void hashIsDjangosGetSessionAuthHash(SessionAuthHashVector vector) {
		assertThat(new DjangoSessionAuthHash(vector.secret()).hash(vector.passwordHash()))
			.isEqualTo(vector.sessionAuthHash());
	}

	@ParameterizedTest
	@MethodSource("djangoVectors")
	void verifyTellsWhichKeyMatched(SessionAuthHashVector vector) {
		DjangoSessionAuthHash rotated = new DjangoSessionAuthHash(SECRET, List.of(FALLBACK));
		Verification expected = switch (vector.secret()) {
			case SECRET -> Verification.CURRENT_KEY;
			case FALLBACK -> Verification.FALLBACK_KEY;
			default -> Verification.MISMATCH;
		};
		assertThat(rotated.verify(vector.sessionAuthHash(), vector.passwordHash())).isEqualTo(expected);
		assertThat(rotated.verify(vector.sessionAuthHash(), vector.passwordHash() + "x"))
			.isEqualTo(Verification.MISMATCH);
	}

	@Test
	void withARingTheSigningKeyIsTheSecretKeyAndTheOthersAreFallbacksUntilTheyRetire() {
		Instant newActive = Instant.ofEpochSecond(1_700_000_000L);
		MutableClock clock = new MutableClock(newActive.minusSeconds(1));
		SigningKeyRing ring = new SigningKeyRing(
				List.of(SigningKey.of("old", FALLBACK), new SigningKey("new", SECRET, newActive, null, false)),
				Duration.ofDays(14));
		DjangoSessionAuthHash hash = new DjangoSessionAuthHash(ring, clock);
		String passwordHash = "pbkdf2_sha256$x";
		String underOld = new DjangoSessionAuthHash(FALLBACK).hash(passwordHash);
		String underNew = new DjangoSessionAuthHash(SECRET).hash(passwordHash);
		assertThat(hash.hash(passwordHash)).isEqualTo(underOld);
		assertThat(hash.verify(underOld, passwordHash)).isEqualTo(Verification.CURRENT_KEY);
		assertThat(hash.verify(underNew, passwordHash)).isEqualTo(Verification.FALLBACK_KEY);
		clock.setInstant(newActive);
		assertThat(hash.hash(passwordHash)).isEqualTo(underNew);
		assertThat(hash.verify(underNew, passwordHash)).isEqualTo(Verification.CURRENT_KEY);
		assertThat(hash.verify(underOld, passwordHash)).isEqualTo(Verification.FALLBACK_KEY);
		clock.setInstant(newActive.plus(Duration.ofDays(14)));
		assertThat(hash.verify(underOld, passwordHash)).isEqualTo(Verification.MISMATCH);
	}

	@Test
	void withARingARevokedKeysHashMatchesNothing() {
		SigningKeyRing ring = new SigningKeyRing(
				List.of(SigningKey.of("current", SECRET), new SigningKey("leaked", FALLBACK, null, null, true)),
				Duration.ofDays(14));
		DjangoSessionAuthHash hash = new DjangoSessionAuthHash(ring, new MutableClock(Instant.EPOCH));
		String passwordHash = "pbkdf2_sha256$x";
		assertThat(hash.verify(new DjangoSessionAuthHash(FALLBACK).hash(passwordHash), passwordHash))
			.isEqualTo(Verification.MISMATCH);
		assertThat(hash.verify(new DjangoSessionAuthHash(SECRET).hash(passwordHash), passwordHash))
			.isEqualTo(Verification.CURRENT_KEY);
	}

	@Test
	void verifyWithoutFallbacksMatchesOnlyTheSecretKey() {
		DjangoSessionAuthHash current = new DjangoSessionAuthHash(SECRET);
		String passwordHash = "pbkdf2_sha256$x";
		assertThat(current.verify(current.hash(passwordHash), passwordHash)).isEqualTo(Verification.CURRENT_KEY);
		assertThat(current.verify(new DjangoSessionAuthHash(FALLBACK).hash(passwordHash), passwordHash))
			.isEqualTo(Verification.MISMATCH);
	}

	@Test
	void verifyComparesExactly() {
		DjangoSessionAuthHash current = new DjangoSessionAuthHash(SECRET);
		String hash = current.hash("pbkdf2_sha256$x");
		assertThat(current.verify(hash.toUpperCase(), "pbkdf2_sha256$x")).isEqualTo(Verification.MISMATCH);
		assertThat(current.verify(hash + " ", "pbkdf2_sha256$x")).isEqualTo(Verification.MISMATCH);
		assertThat(current.verify(hash.substring(1), "pbkdf2_sha256$x")).isEqualTo(Verification.MISMATCH);
		assertThat(current.verify(null, "pbkdf2_sha256$x")).isEqualTo(Verification.MISMATCH);
		assertThat(current.verify("", "pbkdf2_sha256$x")).isEqualTo(Verification.MISMATCH);
	}

	@Test
	void isMatchForEitherKey() {
		assertThat(Verification.CURRENT_KEY.isMatch()).isTrue();
		assertThat(Verification.FALLBACK_KEY.isMatch()).isTrue();
		assertThat(Verification.MISMATCH.isMatch()).isFalse();
	}

	@Test
	void secretKeyMustNotBeEmpty() {
		assertThatIllegalArgumentException().isThrownBy(() -> new DjangoSessionAuthHash(""));
	}

}
