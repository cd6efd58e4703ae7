package io.sessionengines.demo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads a Django {@code signing.dumps} token independently of the code under test, as a
 * Django application sharing the store would: {@code PAYLOAD:TIMESTAMP:SIGNATURE}, the
 * signature being base64url HMAC-SHA256 over {@code PAYLOAD:TIMESTAMP} with the key
 * {@code SHA-256(salt + "signer" + secret)}, the payload base64url JSON (zlib-compressed
 * behind a leading {@code .}), the timestamp base62 Unix seconds.
 *
 * @param json the signed data
 * @param signedAt when it was signed
 * @author Session Engines contributors
 */
public record DjangoToken(JsonNode json, Instant signedAt) {

	/**
	 * The salt of stored session data ({@code db}, {@code file}, {@code cache},
	 * {@code cached_db}).
	 */
	public static final String STORED_DATA_SALT = "django.contrib.sessions.SessionStore";

	private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	/**
	 * Verify a token of stored session data, asserting that it is well-formed and signed
	 * with the secret key.
	 * @param token the token
	 * @param secretKey the secret key
	 * @return the verified token
	 */
	public static DjangoToken verifyStored(String token, String secretKey) {
		return verify(token, secretKey, STORED_DATA_SALT);
	}

	public static DjangoToken verify(String token, String secretKey, String salt) {
		assertThat(token).as("Django token").matches("\\.?[A-Za-z0-9_-]+:[0-9A-Za-z]+:[A-Za-z0-9_-]{43}");
		int second = token.lastIndexOf(':');
		int first = token.lastIndexOf(':', second - 1);
		String payload = token.substring(0, first);
		String timestamp = token.substring(first + 1, second);
		assertThat(token.substring(second + 1)).as("signature of %s", token)
			.isEqualTo(signature(payload + ":" + timestamp, salt, secretKey));
		boolean compressed = payload.startsWith(".");
		byte[] data = Base64.getUrlDecoder().decode(compressed ? payload.substring(1) : payload);
		String json = new String(compressed ? inflate(data) : data, StandardCharsets.UTF_8);
		return new DjangoToken(Reply.json(json), Instant.ofEpochSecond(base62(timestamp)));
	}

	private static String signature(String value, String salt, String secretKey) {
		try {
			byte[] key = MessageDigest.getInstance("SHA-256")
				.digest((salt + "signer" + secretKey).getBytes(StandardCharsets.UTF_8));
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(mac.doFinal(value.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static long base62(String text) {
		long value = 0;
		for (char c : text.toCharArray()) {
			value = value * 62 + BASE62.indexOf(c);
		}
		return value;
	}

	private static byte[] inflate(byte[] data) {
		Inflater inflater = new Inflater();
		inflater.setInput(data);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[4096];
		try {
			while (!inflater.finished()) {
				int n = inflater.inflate(buffer);
				assertThat(n > 0 || !inflater.needsInput()).as("complete zlib stream").isTrue();
				out.write(buffer, 0, n);
			}
		}
		catch (DataFormatException ex) {
			throw new AssertionError("Invalid zlib payload", ex);
		}
		finally {
			inflater.end();
		}
		return out.toByteArray();
	}

}
