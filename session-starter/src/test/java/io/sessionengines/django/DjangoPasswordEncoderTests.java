package io.sessionengines.django;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Stream;

import io.sessionengines.django.DjangoVectors.PasswordVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.OverridingClassLoader;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Tests for {@link DjangoPasswordEncoder}.
 *
 * @author Session Engines contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class DjangoPasswordEncoderTests {

	private static final Set<String> SUPPORTED = Set.of("pbkdf2_sha256", "pbkdf2_sha1", "bcrypt_sha256", "bcrypt",
			"argon2", "scrypt");

	private static final String SALT_43 = "abcdefghijklmnopqrstuv";

	private final DjangoPasswordEncoder encoder = new DjangoPasswordEncoder(1000);

	static Stream<PasswordVector> supportedVectors() {
		return DjangoVectors.passwords().stream().filter((vector) -> SUPPORTED.contains(vector.algorithm()));
	}

	static Stream<PasswordVector> refusedVectors() {
		return DjangoVectors.passwords().stream().filter((vector) -> !SUPPORTED.contains(vector.algorithm()));
	}

	@ParameterizedTest
	@MethodSource("supportedVectors")
	void matchesAsDjangoChecksPasswords(PasswordVector vector) {
		boolean django = Boolean.TRUE.equals(vector.django());
		assertThat(this.encoder.matches(vector.password(), vector.encoded())).isEqualTo(django);
	}

	@Test
	void vectorsCoverEveryFormatWithRightAndWrongPasswords() {
		for (String algorithm : SUPPORTED) {
			assertThat(supportedVectors().filter((vector) -> vector.algorithm().equals(algorithm)))
				.extracting(PasswordVector::django)
				.as(algorithm)
				.contains(true, false);
		}
		assertThat(supportedVectors().map(PasswordVector::encoded))
			.anyMatch((hash) -> hash.startsWith("argon2$argon2i$"))
			.anyMatch((hash) -> hash.startsWith("argon2$argon2d$"))
			.anyMatch((hash) -> hash.startsWith("argon2$argon2i$m="))
			.anyMatch((hash) -> hash.startsWith("bcrypt$$2y$"))
			.anyMatch((hash) -> hash.startsWith("bcrypt_sha256$$2a$"));
	}

	@ParameterizedTest
	@MethodSource("refusedVectors")
	void refusesLegacyAndUnusableHashesThatDjangoMayAccept(PasswordVector vector) {
		assertThat(this.encoder.matches(vector.password(), vector.encoded())).isFalse();
	}

	@Test
	void warnsOncePerRefusedAlgorithmNamingIt(CapturedOutput output) {
		PasswordEncoder encoder = new DjangoPasswordEncoder(1000);
		refusedVectors().filter((vector) -> !vector.algorithm().equals("unusable"))
			.forEach((vector) -> encoder.matches(vector.password(), vector.encoded()));
		for (String algorithm : Set.of("md5", "sha1", "unsalted_md5", "unsalted_sha1", "crypt")) {
			assertThat(warnings(output, "Django " + algorithm + " password hashes are refused")).as(algorithm)
				.isEqualTo(1);
		}
		assertThat(output).contains("let the user log in once on the Django side");
	}

	@Test
	void warnsOnceAboutAnUnknownAlgorithm(CapturedOutput output) {
		this.encoder.matches("secret", "argon3$abc$def");
		this.encoder.matches("secret", "argon3$xyz$uvw");
		assertThat(warnings(output, "Password hashes of 'argon3' are not supported")).isEqualTo(1);
	}

	@Test
	void neverLogsAValueWithoutAnAlgorithm(CapturedOutput output) {
		assertThat(this.encoder.matches("plain-text-secret", "plain-text-secret")).isFalse();
		assertThat(this.encoder.matches("x", "Not An Algorithm$plain-text-secret")).isFalse();
		assertThat(output).contains("an unrecognised format").doesNotContain("plain-text-secret");
	}

	@Test
	void unusableAndMissingHashesDoNotMatchWithoutWarning(CapturedOutput output) {
		assertThat(this.encoder.matches("secret", null)).isFalse();
		assertThat(this.encoder.matches("secret", "")).isFalse();
		assertThat(this.encoder.matches("", "!")).isFalse();
		assertThat(this.encoder.matches("secret", "!4bPbMWXyzGN0sEmnyDPGjQQbROFqRvkDZwBq8xzA")).isFalse();
		assertThat(this.encoder.matches(null, this.encoder.encode("secret"))).isFalse();
		assertThat(output).doesNotContain("WARN");
	}

	@ParameterizedTest
	@ValueSource(strings = { "pbkdf2_sha256$0$salt$hash", "pbkdf2_sha256$2147483648$salt$hash",
			"pbkdf2_sha256$99999999999$salt$hash", "pbkdf2_sha256$10000001$salt$hash", "pbkdf2_sha256$-5$salt$hash",
			"pbkdf2_sha256$+5$salt$hash", "pbkdf2_sha256$ 5$salt$hash", "pbkdf2_sha256$1000$$hash",
			"pbkdf2_sha256$1000$salt", "pbkdf2_sha256$", "pbkdf2_sha1$1e9$salt$hash",
			"bcrypt$$2b$31$abcdefghijklmnopqrstuvabcdefghijklmnopqrstuvwxyzabcde",
			"bcrypt$$2b$17$abcdefghijklmnopqrstuvabcdefghijklmnopqrstuvwxyzabcde",
			"bcrypt$$2b$03$abcdefghijklmnopqrstuvabcdefghijklmnopqrstuvwxyzabcde",
			"bcrypt$$2x$04$abcdefghijklmnopqrstuvabcdefghijklmnopqrstuvwxyzabcde", "bcrypt$$2b$04$short",
			"bcrypt_sha256$garbage", "bcrypt_sha256$", "argon2$argon2id$v=19$m=4194304,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g",
			"argon2$argon2id$v=19$m=262144,t=5,p=1$c2FsdHNhbHQ$aGFzaGhhc2g",
			"argon2$argon2id$v=19$m=65536,t=4294967295,p=1$c2FsdHNhbHQ$aGFzaGhhc2g",
			"argon2$argon2id$v=19$m=1024,t=1,p=65$c2FsdHNhbHQ$aGFzaGhhc2g",
			"argon2$argon2id$v=19$m=8,t=1,p=2$c2FsdHNhbHQ$aGFzaGhhc2g",
			"argon2$argon2id$v=19$m=1024,t=0,p=1$c2FsdHNhbHQ$aGFzaGhhc2g",
			"argon2$argon2id$v=19$m=1024,t=1,p=0$c2FsdHNhbHQ$aGFzaGhhc2g",
			"argon2$argon2id$v=18$m=1024,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g",
			"argon2$argon2x$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g",
			"argon2$argon2id$v=19$m=1024,t=1,p=1$c2FsdA$aGFzaGhhc2g",
			"argon2$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ$aGE", "argon2$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ$a",
			"argon2$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ",
			"argon2$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ=$aGFzaGhhc2g", "argon2$",
			"scrypt$1048576$salt$1024$1$hash", "scrypt$16384$salt$8$100000$hash", "scrypt$1000$salt$8$1$hash",
			"scrypt$1$salt$8$1$hash", "scrypt$0$salt$8$1$hash", "scrypt$16384$salt$8$1", "scrypt$16384$$8$1$hash",
			"scrypt$16384$salt$8$1$hash$extra", "scrypt$9999999999$salt$9999999999$9999999999$hash",
			"scrypt$2147483648$salt$1$1$hash", "scrypt$" })
	void hostileHashesDoNotMatchQuicklyWithAWarning(String hostile, CapturedOutput output) {
		assertTimeoutPreemptively(Duration.ofSeconds(5),
				() -> assertThat(new DjangoPasswordEncoder(1000).matches("secret", hostile)).isFalse());
		assertThat(output).contains("WARN").contains(hostile.substring(0, hostile.indexOf('$')));
	}

	@Test
	void aMalformedBase64PbkdfHashSimplyDoesNotMatch() {
		String hash = this.encoder.encode("secret");
		assertThat(this.encoder.matches("secret", hash.substring(0, hash.length() - 1) + "!")).isFalse();
	}

	@Test
	void aPasswordWithALoneSurrogateDoesNotMatch() {
		String hash = this.encoder.encode("a?b");
		assertThat(this.encoder.matches("a?b", hash)).isTrue();
		assertThat(this.encoder.matches("a\uD800b", hash)).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> this.encoder.encode("a\uDC00b"));
	}

	@Test
	void encodeWritesDjangosDefaultFormatWithAFreshSalt() {
		String first = this.encoder.encode("secret");
		String second = this.encoder.encode("secret");
		assertThat(first).matches("pbkdf2_sha256\\$1000\\$[a-zA-Z0-9]{22}\\$[A-Za-z0-9+/]{43}=");
		assertThat(second).isNotEqualTo(first);
		assertThat(this.encoder.matches("secret", first)).isTrue();
		assertThat(this.encoder.matches("secret", second)).isTrue();
		assertThat(this.encoder.matches("Secret", first)).isFalse();
		assertThat(this.encoder.encode(null)).isNull();
	}

	@Test
	void encodeDefaultsToDjango61sIterationCount() {
		// Django 6.2's release notes: "increased from 1,500,000 to 1,800,000"
		assertThat(new DjangoPasswordEncoder().encode("secret")).startsWith("pbkdf2_sha256$1500000$");
	}

	@Test
	void iterationCountMustBeBounded() {
		assertThatIllegalArgumentException().isThrownBy(() -> new DjangoPasswordEncoder(0));
		assertThatIllegalArgumentException().isThrownBy(() -> new DjangoPasswordEncoder(10_000_001));
	}

	@Test
	void upgradeEncodingWhenFewerIterationsThanConfigured() {
		assertThat(new DjangoPasswordEncoder(2000).upgradeEncoding(this.encoder.encode("secret"))).isTrue();
		assertThat(this.encoder.upgradeEncoding(this.encoder.encode("secret"))).isFalse();
		assertThat(new DjangoPasswordEncoder(500).upgradeEncoding(this.encoder.encode("secret"))).isFalse();
	}

	@Test
	void upgradeEncodingWhenTheSaltIsShorterThanDjangosSalts() {
		assertThat(this.encoder.upgradeEncoding("pbkdf2_sha256$1000$abcdefghijkl$" + SALT_43)).isTrue();
		assertThat(this.encoder.upgradeEncoding("pbkdf2_sha256$1000$abcdefghijklmnopqrstu$" + SALT_43)).isTrue();
		assertThat(this.encoder.upgradeEncoding("pbkdf2_sha256$1000$abcdefghijklmnopqrstuv$" + SALT_43)).isFalse();
	}

	@Test
	void upgradeEncodingForEveryOtherSupportedAlgorithm() {
		supportedVectors().filter((vector) -> !vector.algorithm().equals("pbkdf2_sha256"))
			.forEach((vector) -> assertThat(this.encoder.upgradeEncoding(vector.encoded())).as(vector.encoded())
				.isTrue());
	}

	@Test
	void noUpgradeForWhatCannotMatch() {
		refusedVectors().forEach(
				(vector) -> assertThat(this.encoder.upgradeEncoding(vector.encoded())).as(vector.encoded()).isFalse());
		assertThat(this.encoder.upgradeEncoding(null)).isFalse();
		assertThat(this.encoder.upgradeEncoding("")).isFalse();
		assertThat(this.encoder.upgradeEncoding("pbkdf2_sha256$0$salt$hash")).isFalse();
	}

	@Test
	void withoutBouncyCastleArgon2AndScryptDoNotMatchAndSaySo(CapturedOutput output) throws Exception {
		PasswordEncoder encoder = encoderWithoutBouncyCastle();
		PasswordVector argon2 = matchingVector("argon2");
		PasswordVector scrypt = matchingVector("scrypt");
		PasswordVector pbkdf2 = matchingVector("pbkdf2_sha256");
		assertThat(encoder.matches(argon2.password(), argon2.encoded())).isFalse();
		assertThat(encoder.matches(argon2.password(), argon2.encoded())).isFalse();
		assertThat(encoder.matches(scrypt.password(), scrypt.encoded())).isFalse();
		assertThat(encoder.matches(pbkdf2.password(), pbkdf2.encoded())).isTrue();
		assertThat(warnings(output, "Django argon2 password hashes cannot be checked: BouncyCastle is not on the "
				+ "class path; add org.bouncycastle:bcprov-jdk18on"))
			.isEqualTo(1);
		assertThat(output).contains("Django scrypt password hashes cannot be checked")
			.doesNotContain("NoClassDefFoundError");
	}

	private static PasswordVector matchingVector(String algorithm) {
		return supportedVectors()
			.filter((vector) -> vector.algorithm().equals(algorithm) && Boolean.TRUE.equals(vector.django()))
			.findFirst()
			.orElseThrow();
	}

	/**
	 * The encoder loaded by a class loader that has every class but BouncyCastle's.
	 */
	private static PasswordEncoder encoderWithoutBouncyCastle() throws Exception {
		ClassLoader loader = new OverridingClassLoader(DjangoPasswordEncoder.class.getClassLoader()) {

			@Override
			protected boolean isEligibleForOverriding(String className) {
				return className.startsWith("io.sessionengines.django.");
			}

			@Override
			protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
				if (name.startsWith("org.bouncycastle.")) {
					throw new ClassNotFoundException(name);
				}
				return super.loadClass(name, resolve);
			}

		};
		Class<?> encoderClass = loader.loadClass(DjangoPasswordEncoder.class.getName());
		assertThat(encoderClass.getClassLoader()).isSameAs(loader);
		return (PasswordEncoder) encoderClass.getConstructor(int.class).newInstance(1000);
	}

	private static int warnings(CapturedOutput output, String text) {
		return (int) output.getAll().lines().filter((line) -> line.contains(text)).count();
	}

}
