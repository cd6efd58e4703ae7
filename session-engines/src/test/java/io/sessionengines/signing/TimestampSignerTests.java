package io.sessionengines.signing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link TimestampSigner}.
 *
 * @author Session Engines contributors
 */
class TimestampSignerTests {

	private static final int LIMIT = 1024 * 1024;

	private static final String SECRET_KEY = "django-insecure-test-vector-secret";

	private static final String SIGNED_COOKIES_SALT = "django.contrib.sessions.backends.signed_cookies";

	private static final String STORED_DATA_SALT = "django.contrib.sessions.SessionStore";

	private static final Instant VECTOR_TIME = Instant.ofEpochSecond(1_700_000_000L);

	private static final String K_X = "{\"k\":\"x\"}";

	/**
	 * The JSON of Django's compressed vector, as its payload inflates: compact, no space
	 * after the colon.
	 */
	private static final String BIG = "{\"big\":\"" + "a".repeat(500) + "\"}";

	// the test vectors of §8 of the reference, made by Django

	private static final String K_X_SIGNED_COOKIE = "eyJrIjoieCJ9:1r31eq:QyiigmD6x2iGE_x8murR5kWSyynygTA7hQaf1X98VV8";

	private static final String EMPTY_SIGNED_COOKIE = "e30:1r31eq:s3gAem4lvTZN72LsdZdngJ0pTv2oOMlfjh_eAlcgTFc";

	private static final String K_X_STORED_DATA = "eyJrIjoieCJ9:1r31eq:TEjPDJkMYJyG4-vsC5rjHE0VLzs0S0YAFP7Eh36mpuA";

	private static final String BIG_STORED_DATA = ".eJyrVkrKTFeyUkocBSMOKNUCAHmPwGE:1r31eq:dB4eZFStY8v6JEiXiNJ22R_hLVzy-Gayy5qTFFEqtYQ";

	private static final Clock VECTOR_CLOCK = Clock.fixed(VECTOR_TIME, ZoneOffset.UTC);

	private static TimestampSigner signer(String salt) {
		return new TimestampSigner(SECRET_KEY, List.of(), salt, VECTOR_CLOCK);
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	private static String text(SignedPayload payload) {
		return new String(payload.data(), StandardCharsets.US_ASCII);
	}

	@Test
	void signsDjangosSignedCookieVectors() {
		assertThat(signer(SIGNED_COOKIES_SALT).sign(ascii(K_X))).isEqualTo(K_X_SIGNED_COOKIE);
		assertThat(signer(SIGNED_COOKIES_SALT).sign(ascii("{}"))).isEqualTo(EMPTY_SIGNED_COOKIE);
	}

	@Test
	void signsDjangosStoredDataVector() {
		assertThat(signer(STORED_DATA_SALT).sign(ascii(K_X))).isEqualTo(K_X_STORED_DATA);
	}

	@Test
	void signsDjangosCompressedVector() {
		// java.util.zip uses zlib at its default level, as Python does, so even the
		// compressed bytes match
		assertThat(signer(STORED_DATA_SALT).sign(ascii(BIG))).isEqualTo(BIG_STORED_DATA);
	}

	@Test
	void compressedVectorInflatesToCompactJson() {
		String payload = BIG_STORED_DATA.substring(1, BIG_STORED_DATA.indexOf(':'));
		assertThat(new String(inflate(Base64.getUrlDecoder().decode(payload)), StandardCharsets.US_ASCII))
			.isEqualTo(BIG);
	}

	@Test
	void signsAndVerifiesFromManyThreadsAtOnce() throws Exception {
		TimestampSigner signer = signer(STORED_DATA_SALT);
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			List<Future<Boolean>> results = new ArrayList<>();
			for (int task = 0; task < 8; task++) {
				results.add(threads.submit(() -> {
					for (int i = 0; i < 2000; i++) {
						byte[] data = ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
						String token = signer.sign(data);
						if (!Arrays.equals(signer.unsign(token, LIMIT).data(), data)) {
							return false;
						}
					}
					return signer.sign(ascii(K_X)).equals(K_X_STORED_DATA);
				}));
			}
			for (Future<Boolean> result : results) {
				assertThat(result.get()).isTrue();
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void unsignsDjangosVectors() throws BadSignatureException {
		SignedPayload cookie = signer(SIGNED_COOKIES_SALT).unsign(K_X_SIGNED_COOKIE, LIMIT);
		assertThat(text(cookie)).isEqualTo(K_X);
		assertThat(cookie.signedAt()).isEqualTo(VECTOR_TIME);
		assertThat(text(signer(SIGNED_COOKIES_SALT).unsign(EMPTY_SIGNED_COOKIE, LIMIT))).isEqualTo("{}");
		assertThat(text(signer(STORED_DATA_SALT).unsign(K_X_STORED_DATA, LIMIT))).isEqualTo(K_X);
		SignedPayload big = signer(STORED_DATA_SALT).unsign(BIG_STORED_DATA, LIMIT);
		assertThat(text(big)).isEqualTo(BIG);
		assertThat(big.signedAt()).isEqualTo(VECTOR_TIME);
	}

	@Test
	void unsignIgnoresTheSignersClock() throws BadSignatureException {
		TimestampSigner later = new TimestampSigner(SECRET_KEY, List.of(), SIGNED_COOKIES_SALT,
				Clock.fixed(VECTOR_TIME.plusSeconds(1_000_000), ZoneOffset.UTC));
		assertThat(later.unsign(K_X_SIGNED_COOKIE, LIMIT).signedAt()).isEqualTo(VECTOR_TIME);
	}

	@Test
	void base62OfTheVectorTimestamp() throws BadSignatureException {
		assertThat(TimestampSigner.base62(1_700_000_000L)).isEqualTo("1r31eq");
		assertThat(TimestampSigner.decodeBase62("1r31eq")).isEqualTo(1_700_000_000L);
	}

	@Test
	void base62UsesDigitsThenUpperThenLowerCase() throws BadSignatureException {
		assertThat(TimestampSigner.base62(0)).isEqualTo("0");
		assertThat(TimestampSigner.base62(9)).isEqualTo("9");
		assertThat(TimestampSigner.base62(10)).isEqualTo("A");
		assertThat(TimestampSigner.base62(36)).isEqualTo("a");
		assertThat(TimestampSigner.base62(61)).isEqualTo("z");
		assertThat(TimestampSigner.base62(62)).isEqualTo("10");
		assertThat(TimestampSigner.base62(62L * 62 * 62)).isEqualTo("1000");
		for (long value : new long[] { 0, 1, 61, 62, 3843, 3844, 1_700_000_000L, 4_102_444_800L, Integer.MAX_VALUE }) {
			assertThat(TimestampSigner.decodeBase62(TimestampSigner.base62(value))).isEqualTo(value);
		}
	}

	@Test
	void signedTokenRoundTrips() throws BadSignatureException {
		TimestampSigner signer = signer(SIGNED_COOKIES_SALT);
		byte[] data = ascii("{\"user\":\"alice\",\"caf\\u00e9\":[1,2,{\"x\":null}]}");
		SignedPayload payload = signer.unsign(signer.sign(data), LIMIT);
		assertThat(payload.data()).isEqualTo(data);
		assertThat(payload.signedAt()).isEqualTo(VECTOR_TIME);
	}

	@Test
	void signingTimeIsTruncatedToTheSecond() throws BadSignatureException {
		TimestampSigner signer = new TimestampSigner(SECRET_KEY, List.of(), SIGNED_COOKIES_SALT,
				Clock.fixed(VECTOR_TIME.plusMillis(999), ZoneOffset.UTC));
		String token = signer.sign(ascii(K_X));
		assertThat(token).isEqualTo(K_X_SIGNED_COOKIE);
		assertThat(signer.unsign(token, LIMIT).signedAt()).isEqualTo(VECTOR_TIME);
	}

	@Test
	void tokenSignedWithAFallbackKeyVerifies() throws BadSignatureException {
		TimestampSigner rotated = new TimestampSigner("the-new-secret", List.of("an-older-secret", SECRET_KEY),
				SIGNED_COOKIES_SALT, VECTOR_CLOCK);
		assertThat(text(rotated.unsign(K_X_SIGNED_COOKIE, LIMIT))).isEqualTo(K_X);
	}

	@Test
	void newTokensAreSignedWithTheSecretKeyOnly() throws BadSignatureException {
		TimestampSigner rotated = new TimestampSigner("the-new-secret", List.of(SECRET_KEY), SIGNED_COOKIES_SALT,
				VECTOR_CLOCK);
		String token = rotated.sign(ascii(K_X));
		assertThat(token).isNotEqualTo(K_X_SIGNED_COOKIE);
		TimestampSigner newKeyOnly = new TimestampSigner("the-new-secret", List.of(), SIGNED_COOKIES_SALT,
				VECTOR_CLOCK);
		assertThat(text(newKeyOnly.unsign(token, LIMIT))).isEqualTo(K_X);
		assertThat(token.substring(token.lastIndexOf(':') + 1)).isEqualTo(
				djangoSignature("the-new-secret", SIGNED_COOKIES_SALT, token.substring(0, token.lastIndexOf(':'))));
		assertThatExceptionOfType(BadSignatureException.class)
			.isThrownBy(() -> signer(SIGNED_COOKIES_SALT).unsign(token, LIMIT));
	}

	@Test
	void tokenSignedWithAnUnknownKeyIsRejected() {
		TimestampSigner other = new TimestampSigner("another-secret", List.of("yet-another-secret"),
				SIGNED_COOKIES_SALT, VECTOR_CLOCK);
		assertThatExceptionOfType(BadSignatureException.class).isThrownBy(() -> other.unsign(K_X_SIGNED_COOKIE, LIMIT));
	}

	@Test
	void tokenWithAnotherSaltIsRejected() {
		assertThatExceptionOfType(BadSignatureException.class)
			.isThrownBy(() -> signer(SIGNED_COOKIES_SALT).unsign(K_X_STORED_DATA, LIMIT));
		assertThatExceptionOfType(BadSignatureException.class)
			.isThrownBy(() -> signer(STORED_DATA_SALT).unsign(K_X_SIGNED_COOKIE, LIMIT));
	}

	@ParameterizedTest
	@ValueSource(strings = {
			// payload changed ({"k":"y"})
			"eyJrIjoieSJ9:1r31eq:QyiigmD6x2iGE_x8murR5kWSyynygTA7hQaf1X98VV8",
			// timestamp changed
			"eyJrIjoieCJ9:1r31er:QyiigmD6x2iGE_x8murR5kWSyynygTA7hQaf1X98VV8",
			"eyJrIjoieCJ9:01r31eq:QyiigmD6x2iGE_x8murR5kWSyynygTA7hQaf1X98VV8",
			// signature changed, cut short, extended, padded, removed
			"eyJrIjoieCJ9:1r31eq:QyiigmD6x2iGE_x8murR5kWSyynygTA7hQaf1X98VV9",
			"eyJrIjoieCJ9:1r31eq:QyiigmD6x2iGE_x8murR5kWSyynygTA7hQaf1X98VV",
			"eyJrIjoieCJ9:1r31eq:QyiigmD6x2iGE_x8murR5kWSyynygTA7hQaf1X98VV8A",
			"eyJrIjoieCJ9:1r31eq:QyiigmD6x2iGE_x8murR5kWSyynygTA7hQaf1X98VV8=", "eyJrIjoieCJ9:1r31eq:",
			"eyJrIjoieCJ9:1r31eq",
			// compression flag added
			".eyJrIjoieCJ9:1r31eq:QyiigmD6x2iGE_x8murR5kWSyynygTA7hQaf1X98VV8",
			// separators missing or added
			"", ":", "::", "eyJrIjoieCJ9", "eyJrIjoieCJ91r31eqQyiigmD6x2iGE_x8murR5kWSyynygTA7hQaf1X98VV8",
			"x:eyJrIjoieCJ9:1r31eq:QyiigmD6x2iGE_x8murR5kWSyynygTA7hQaf1X98VV8",
			"eyJrIjoieCJ9:1r31eq:QyiigmD6x2iGE_x8murR5kWSyynygTA7hQaf1X98VV8:",
			// case changed
			"EYJRIJOIECJ9:1R31EQ:QYIIGMD6X2IGE_X8MURR5KWSYYNYGTA7HQAF1X98VV8" })
	void tamperedOrMalformedTokenIsRejected(String token) {
		assertThatExceptionOfType(BadSignatureException.class)
			.isThrownBy(() -> signer(SIGNED_COOKIES_SALT).unsign(token, LIMIT));
	}

	@Test
	void oracleReproducesDjangosSignatures() {
		// the independent implementation below signs the crafted tokens of the next tests
		assertThat(validlySigned("eyJrIjoieCJ9:1r31eq", SIGNED_COOKIES_SALT)).isEqualTo(K_X_SIGNED_COOKIE);
		assertThat(validlySigned(".eJyrVkrKTFeyUkocBSMOKNUCAHmPwGE:1r31eq", STORED_DATA_SALT))
			.isEqualTo(BIG_STORED_DATA);
	}

	@Test
	void validlySignedTokenWithoutATimestampIsRejected() {
		assertRejected(validlySigned("eyJrIjoieCJ9", SIGNED_COOKIES_SALT));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "1r31e!", "1r31e.", "-1", "1r31 eq", "é", "1234567890", "zzzzzzzzzzzzzzzz" })
	void validlySignedTokenWithAMalformedTimestampIsRejected(String timestamp) {
		assertRejected(validlySigned("eyJrIjoieCJ9:" + timestamp, SIGNED_COOKIES_SALT));
	}

	@ParameterizedTest
	@ValueSource(strings = { "e30!", "e30=x", "e", "%%%%", "e3 0", "eyJrIjoieCJ9==x", "é30" })
	void validlySignedTokenWithGarbageBase64IsRejected(String payload) {
		assertRejected(validlySigned(payload + ":1r31eq", SIGNED_COOKIES_SALT));
		assertRejected(validlySigned("." + payload + ":1r31eq", SIGNED_COOKIES_SALT));
	}

	@Test
	void validlySignedTokenWithBadZlibIsRejected() {
		assertRejected(validlySigned(".:1r31eq", SIGNED_COOKIES_SALT));
		assertRejected(validlySigned("." + base64(ascii("not zlib at all")) + ":1r31eq", SIGNED_COOKIES_SALT));
		// a raw deflate stream, without the zlib header
		Deflater raw = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
		assertRejected(validlySigned("." + base64(deflate(raw, ascii(BIG))) + ":1r31eq", SIGNED_COOKIES_SALT));
		// a zlib stream with a wrong checksum
		byte[] compressed = deflate(new Deflater(), ascii(BIG));
		compressed[compressed.length - 1] ^= 1;
		assertRejected(validlySigned("." + base64(compressed) + ":1r31eq", SIGNED_COOKIES_SALT));
	}

	@Test
	void validlySignedTruncatedZlibIsRejectedAtEveryLength() {
		byte[] compressed = deflate(new Deflater(), ascii("{\"text\":\"" + "lorem ipsum dolor ".repeat(200) + "\"}"));
		for (int length = 0; length < compressed.length; length++) {
			String payload = "." + base64(Arrays.copyOf(compressed, length));
			assertRejected(validlySigned(payload + ":1r31eq", SIGNED_COOKIES_SALT));
		}
	}

	@Test
	void shortDataIsNotCompressed() throws BadSignatureException {
		String token = signer(SIGNED_COOKIES_SALT).sign(ascii("{}"));
		assertThat(token).startsWith("e30:");
	}

	@Test
	void compressibleDataIsCompressedAndMarkedWithADot() throws BadSignatureException {
		byte[] data = ascii("{\"big\":\"" + "a".repeat(5000) + "\"}");
		String token = signer(SIGNED_COOKIES_SALT).sign(data);
		assertThat(token).startsWith(".");
		String payload = token.substring(1, token.indexOf(':'));
		assertThat(inflate(Base64.getUrlDecoder().decode(payload))).isEqualTo(data);
		assertThat(signer(SIGNED_COOKIES_SALT).unsign(token, LIMIT).data()).isEqualTo(data);
	}

	@Test
	void dataIsCompressedOnlyWhenThatSavesMoreThanOneByte() throws BadSignatureException {
		// zlib makes 18 bytes of both; Django compresses only if 18 < length - 1
		byte[] savesOneByte = ascii("{\"k\":\"" + "a".repeat(11) + "\"}");
		byte[] savesTwoBytes = ascii("{\"k\":\"" + "a".repeat(12) + "\"}");
		assertThat(deflate(new Deflater(), savesOneByte)).as("precondition").hasSize(savesOneByte.length - 1);
		assertThat(deflate(new Deflater(), savesTwoBytes)).as("precondition").hasSize(savesTwoBytes.length - 2);
		TimestampSigner signer = signer(SIGNED_COOKIES_SALT);
		String uncompressed = signer.sign(savesOneByte);
		assertThat(uncompressed).startsWith(base64(savesOneByte) + ":");
		String compressed = signer.sign(savesTwoBytes);
		assertThat(compressed).startsWith("." + base64(deflate(new Deflater(), savesTwoBytes)) + ":");
		assertThat(signer.unsign(uncompressed, LIMIT).data()).isEqualTo(savesOneByte);
		assertThat(signer.unsign(compressed, LIMIT).data()).isEqualTo(savesTwoBytes);
	}

	@Test
	void dataSignedWithoutCompressionIsPlainBase64AndVerifies() throws BadSignatureException {
		byte[] data = ascii("{\"big\":\"" + "a".repeat(5000) + "\"}");
		TimestampSigner signer = signer(SIGNED_COOKIES_SALT);
		String token = signer.sign(data, false);
		assertThat(token).startsWith(base64(data) + ":1r31eq:");
		assertThat(signer.unsign(token, LIMIT).data()).isEqualTo(data);
		assertThat(signer.sign(data, true)).isEqualTo(signer.sign(data));
	}

	@Test
	void signatureIsAlways43Base64UrlCharacters() {
		TimestampSigner signer = signer(SIGNED_COOKIES_SALT);
		for (int length = 0; length < 200; length += 7) {
			String token = signer.sign(ascii("{\"k\":\"" + "ab?>~".repeat(length) + "\"}"));
			assertThat(token).matches("^\\.?[A-Za-z0-9_-]*:1r31eq:[A-Za-z0-9_-]{43}$");
		}
	}

	@Test
	void compressedPayloadInflatesOnlyUpToTheBound() throws BadSignatureException {
		// a validly signed bomb: 64 MiB of one byte, about 64 KB compressed
		String bomb = validlySigned("." + base64(deflatedRepeats(64)) + ":1r31eq", SIGNED_COOKIES_SALT);
		assertThat(bomb.length()).as("precondition: a small token").isLessThan(100_000);
		assertThatExceptionOfType(PayloadTooLargeException.class)
			.isThrownBy(() -> signer(SIGNED_COOKIES_SALT).unsign(bomb, LIMIT))
			.withMessageContaining("limit of " + LIMIT + " bytes");
		byte[] atTheBound = new byte[LIMIT];
		Arrays.fill(atTheBound, (byte) 'a');
		TimestampSigner signer = signer(SIGNED_COOKIES_SALT);
		assertThat(signer.unsign(signer.sign(atTheBound), LIMIT).data()).isEqualTo(atTheBound);
		assertThatExceptionOfType(PayloadTooLargeException.class)
			.isThrownBy(() -> signer.unsign(signer.sign(atTheBound), LIMIT - 1));
	}

	@Test
	void uncompressedPayloadOverTheBoundIsRefused() {
		TimestampSigner signer = signer(SIGNED_COOKIES_SALT);
		String token = signer.sign(ascii("{\"k\":\"x\"}"));
		assertThat(token).as("precondition: not compressed").doesNotStartWith(".");
		assertThatExceptionOfType(PayloadTooLargeException.class).isThrownBy(() -> signer.unsign(token, 8))
			.withMessageContaining("limit of 8 bytes");
	}

	/**
	 * Deflate the given number of mebibytes of one byte without holding them in memory.
	 */
	private static byte[] deflatedRepeats(int mebibytes) {
		Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
		byte[] chunk = new byte[1024 * 1024];
		Arrays.fill(chunk, (byte) 'a');
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[64 * 1024];
		for (int i = 0; i < mebibytes; i++) {
			deflater.setInput(chunk);
			while (!deflater.needsInput()) {
				out.write(buffer, 0, deflater.deflate(buffer));
			}
		}
		deflater.finish();
		while (!deflater.finished()) {
			out.write(buffer, 0, deflater.deflate(buffer));
		}
		deflater.end();
		return out.toByteArray();
	}

	private static void assertRejected(String token) {
		assertThatExceptionOfType(BadSignatureException.class).as(token)
			.isThrownBy(() -> signer(SIGNED_COOKIES_SALT).unsign(token, LIMIT));
	}

	/**
	 * Sign a value as Django does, independently of the code under test: HMAC-SHA256
	 * keyed with SHA-256(salt + "signer" + secret), in base64url without padding.
	 */
	private static String validlySigned(String value, String salt) {
		return value + ":" + djangoSignature(SECRET_KEY, salt, value);
	}

	private static String djangoSignature(String secret, String salt, String value) {
		try {
			byte[] key = MessageDigest.getInstance("SHA-256")
				.digest((salt + "signer" + secret).getBytes(StandardCharsets.UTF_8));
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return base64(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String base64(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static byte[] deflate(Deflater deflater, byte[] data) {
		deflater.setInput(data);
		deflater.finish();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[256];
		while (!deflater.finished()) {
			out.write(buffer, 0, deflater.deflate(buffer));
		}
		deflater.end();
		return out.toByteArray();
	}

	private static byte[] inflate(byte[] data) {
		Inflater inflater = new Inflater();
		inflater.setInput(data);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[256];
		try {
			while (!inflater.finished()) {
				int count = inflater.inflate(buffer);
				if (count == 0 && inflater.needsInput()) {
					throw new IllegalStateException("truncated zlib stream");
				}
				out.write(buffer, 0, count);
			}
		}
		catch (DataFormatException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			inflater.end();
		}
		return out.toByteArray();
	}

}
