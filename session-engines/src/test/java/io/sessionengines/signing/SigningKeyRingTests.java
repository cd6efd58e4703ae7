package io.sessionengines.signing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link SigningKeyRing} and {@link SigningKey}.
 *
 * @author Session Engines contributors
 */
class SigningKeyRingTests {

	private static final Instant T0 = Instant.ofEpochSecond(1_700_000_000L);

	private static final Instant B_ACTIVE = T0.plus(Duration.ofDays(1));

	private static final Duration RETIRE_AFTER = Duration.ofDays(14);

	private static final SigningKey A = SigningKey.of("a", "secret-of-key-a");

	private static final SigningKey B = new SigningKey("b", "secret-of-key-b", B_ACTIVE, null, false);

	@Test
	void keysWithoutTimesAreDjangosSecretKeyAndFallbacks() {
		SigningKeyRing ring = SigningKeyRing.of("first-secret", List.of("second-secret", "third-secret"));
		SigningKeyRing.Keys keys = ring.keysAt(T0);
		assertThat(keys.signingKey().getId()).isEqualTo("secret-key");
		assertThat(keys.verificationKeys()).extracting(SigningKey::getId)
			.containsExactly("secret-key", "fallback-1", "fallback-2");
		assertThat(ring.keysAt(Instant.MAX)).isSameAs(keys);
		assertThat(ring.isUpgradeOnRead()).isFalse();
		assertThat(new SigningKeyRing(List.of(A), RETIRE_AFTER).isUpgradeOnRead()).isTrue();
	}

	@Test
	void newKeyVerifiesAtOnceAndSignsFromItsActivation() {
		SigningKeyRing ring = new SigningKeyRing(List.of(A, B), RETIRE_AFTER);
		SigningKeyRing.Keys before = ring.keysAt(B_ACTIVE.minusNanos(1));
		assertThat(before.signingKey()).isSameAs(A);
		assertThat(before.verificationKeys()).containsExactly(A, B);
		SigningKeyRing.Keys after = ring.keysAt(B_ACTIVE);
		assertThat(after.signingKey()).isSameAs(B);
		assertThat(after.verificationKeys()).containsExactly(B, A);
	}

	@Test
	void replacedKeyRetiresTheDelayAfterItsSuccessorBecameActive() {
		SigningKeyRing ring = new SigningKeyRing(List.of(A, B), RETIRE_AFTER);
		Instant retirement = B_ACTIVE.plus(RETIRE_AFTER);
		assertThat(ring.keysAt(retirement.minusNanos(1)).verificationKeys()).containsExactly(B, A);
		assertThat(ring.keysAt(retirement).verificationKeys()).containsExactly(B);
		assertThat(ring.keysAt(retirement).signingKey()).isSameAs(B);
	}

	@Test
	void explicitRetirementWinsOverTheDelay() {
		Instant retiresAt = B_ACTIVE.plus(Duration.ofHours(1));
		SigningKey a = new SigningKey("a", "secret-of-key-a", null, retiresAt, false);
		SigningKeyRing ring = new SigningKeyRing(List.of(a, B), RETIRE_AFTER);
		assertThat(ring.keysAt(retiresAt.minusNanos(1)).verificationKeys()).containsExactly(B, a);
		assertThat(ring.keysAt(retiresAt).verificationKeys()).containsExactly(B);
	}

	@Test
	void keyThatRetiresWithoutSuccessorLeavesNoSigningKey() {
		SigningKey a = new SigningKey("a", "secret-of-key-a", null, T0, false);
		SigningKeyRing ring = new SigningKeyRing(List.of(a), RETIRE_AFTER);
		assertThat(ring.keysAt(T0.minusSeconds(1)).signingKey()).isSameAs(a);
		SigningKeyRing.Keys keys = ring.keysAt(T0);
		assertThat(keys.signingKey()).isNull();
		assertThat(keys.verificationKeys()).isEmpty();
		assertThatIllegalStateException().isThrownBy(keys::requireSigningKey)
			.withMessageContaining("No signing key is usable");
	}

	@Test
	void firstTimeWithoutSigningKeyIsWhenTheLastSigningKeyRetires() {
		SigningKey a = new SigningKey("a", "secret-of-key-a", null, T0, false);
		SigningKeyRing ring = new SigningKeyRing(List.of(a), RETIRE_AFTER);
		assertThat(ring.firstTimeWithoutSigningKey(T0.minusSeconds(10))).isEqualTo(T0);
		assertThat(ring.firstTimeWithoutSigningKey(T0.plusSeconds(10))).isEqualTo(T0.plusSeconds(10));
		SigningKey successor = new SigningKey("b", "secret-of-key-b", T0.minusSeconds(1), null, false);
		assertThat(
				new SigningKeyRing(List.of(a, successor), RETIRE_AFTER).firstTimeWithoutSigningKey(T0.minusSeconds(10)))
			.isNull();
		assertThat(new SigningKeyRing(List.of(A, B), RETIRE_AFTER).firstTimeWithoutSigningKey(T0)).isNull();
	}

	@Test
	void revokedKeyNeitherSignsNorVerifiesNorReplacesAnother() {
		SigningKey revokedB = new SigningKey("b", "secret-of-key-b", B_ACTIVE, null, true);
		SigningKeyRing ring = new SigningKeyRing(List.of(A, revokedB), RETIRE_AFTER);
		for (Instant at : List.of(T0, B_ACTIVE, B_ACTIVE.plus(RETIRE_AFTER).plusSeconds(1))) {
			assertThat(ring.keysAt(at).signingKey()).isSameAs(A);
			assertThat(ring.keysAt(at).verificationKeys()).containsExactly(A);
		}
	}

	@Test
	void revokingTheNewestKeyFallsBackToTheOneBefore() {
		SigningKey revokedA = new SigningKey("a", "secret-of-key-a", null, null, true);
		SigningKeyRing ring = new SigningKeyRing(List.of(revokedA, B), RETIRE_AFTER);
		assertThat(ring.keysAt(T0).signingKey()).isNull();
		assertThat(ring.keysAt(T0).verificationKeys()).containsExactly(B);
		assertThat(ring.keysAt(B_ACTIVE).signingKey()).isSameAs(B);
	}

	@Test
	void threeGenerationsEachRetireAfterTheirOwnSuccessor() {
		Instant cActive = B_ACTIVE.plus(Duration.ofDays(30));
		SigningKey c = new SigningKey("c", "secret-of-key-c", cActive, null, false);
		SigningKeyRing ring = new SigningKeyRing(List.of(c, A, B), RETIRE_AFTER);
		assertThat(ring.keysAt(T0).verificationKeys()).containsExactly(A, c, B);
		assertThat(ring.keysAt(B_ACTIVE).verificationKeys()).containsExactly(B, c, A);
		assertThat(ring.keysAt(B_ACTIVE.plus(RETIRE_AFTER)).verificationKeys()).containsExactly(B, c);
		assertThat(ring.keysAt(cActive).verificationKeys()).containsExactly(c, B);
		assertThat(ring.keysAt(cActive.plus(RETIRE_AFTER)).verificationKeys()).containsExactly(c);
	}

	@Test
	void equallyNewKeysSignInTheOrderListed() {
		SigningKey b = new SigningKey("b", "secret-of-key-b", null, null, false);
		assertThat(new SigningKeyRing(List.of(A, b), RETIRE_AFTER).keysAt(T0).signingKey()).isSameAs(A);
		assertThat(new SigningKeyRing(List.of(b, A), RETIRE_AFTER).keysAt(T0).signingKey()).isSameAs(b);
	}

	@Test
	void verificationKeyIsFoundById() {
		SigningKeyRing.Keys keys = new SigningKeyRing(List.of(A, B), RETIRE_AFTER).keysAt(T0);
		assertThat(keys.verificationKey("b")).isSameAs(B);
		assertThat(keys.verificationKey("c")).isNull();
	}

	@Test
	void idsAreShortWordsAndUnique() {
		assertThatIllegalArgumentException().isThrownBy(() -> SigningKey.of("", "secret"));
		assertThatIllegalArgumentException().isThrownBy(() -> SigningKey.of("a".repeat(33), "secret"));
		assertThatIllegalArgumentException().isThrownBy(() -> SigningKey.of("a:b", "secret"));
		assertThatIllegalArgumentException().isThrownBy(() -> SigningKey.of("a~b", "secret"));
		assertThat(SigningKey.of("Key_2026-01", "secret").getId()).isEqualTo("Key_2026-01");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SigningKeyRing(List.of(A, SigningKey.of("a", "other-secret")), RETIRE_AFTER))
			.withMessageContaining("'a' is used more than once");
	}

	@Test
	void invalidKeysAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> SigningKey.of("a", ""));
		assertThatIllegalArgumentException().isThrownBy(() -> new SigningKey("a", "secret", T0, T0, false))
			.withMessageContaining("must retire after it becomes active");
		assertThatIllegalArgumentException().isThrownBy(() -> new SigningKeyRing(List.of(), RETIRE_AFTER));
		assertThatIllegalArgumentException().isThrownBy(() -> new SigningKeyRing(List.of(A), Duration.ofSeconds(-1)));
	}

	@Test
	void toStringNeverShowsTheSecret() {
		assertThat(A.toString()).contains("a").doesNotContain("secret-of-key-a");
		assertThat(new SigningKeyRing(List.of(A, B), RETIRE_AFTER).keysAt(T0).toString())
			.doesNotContain("secret-of-key");
	}

}
