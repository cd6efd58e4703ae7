package io.sessionengines.django;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The vectors that Django made for these tests ({@code generate_vectors.py} beside the
 * vector files, which says how to regenerate them).
 *
 * @author Session Engines contributors
 */
final class DjangoVectors {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static final List<PasswordVector> passwords = readPasswords();

	private DjangoVectors() {
	}

	static List<PasswordVector> passwords() {
		return passwords;
	}

	private static List<PasswordVector> readPasswords() {
		return lines("password-vectors.jsonl").stream()
			.map((node) -> new PasswordVector(node.get("algorithm").asString(), node.get("encoded").asString(),
					node.get("password").asString(),
					node.get("django").isNull() ? null : node.get("django").asBoolean(), node.get("source").asString()))
			.toList();
	}

	static List<SessionAuthHashVector> sessionAuthHashes() {
		return lines("session-auth-hash-vectors.jsonl").stream()
			.map((node) -> new SessionAuthHashVector(node.get("secret").asString(),
					node.get("password_hash").asString(), node.get("session_auth_hash").asString()))
			.toList();
	}

	private static List<JsonNode> lines(String name) {
		try (InputStream in = DjangoVectors.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("No " + name + " beside " + DjangoVectors.class.getName());
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			return reader.lines().filter((line) -> !line.isBlank()).map(mapper::readTree).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A stored hash, a password tried against it, and Django's verdict.
	 *
	 * @param algorithm the hash's algorithm
	 * @param encoded the stored hash
	 * @param password the password tried
	 * @param django whether Django's {@code check_password} accepts it, {@code null} when
	 * Django fails instead
	 * @param source what made the hash and the verdict
	 */
	record PasswordVector(String algorithm, String encoded, String password, @Nullable Boolean django, String source) {

		@Override
		public String toString() {
			return this.algorithm + " " + abbreviate(this.encoded) + " with '" + abbreviate(this.password)
					+ "': Django says " + this.django;
		}

		private static String abbreviate(String value) {
			String printable = value.replace("\t", "\\t").replace("\0", "\\0");
			return (printable.length() > 40) ? printable.substring(0, 40) + "..." : printable;
		}

	}

	/**
	 * A session auth hash that Django computed.
	 *
	 * @param secret the secret key
	 * @param passwordHash the password hash string
	 * @param sessionAuthHash Django's {@code get_session_auth_hash()}
	 */
	record SessionAuthHashVector(String secret, String passwordHash, String sessionAuthHash) {

	}

}
