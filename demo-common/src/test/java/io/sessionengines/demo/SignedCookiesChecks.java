package io.sessionengines.demo;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import io.sessionengines.engine.signedcookies.SignedCookieSessionEngine;
import io.sessionengines.signing.TimestampSigner;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Demo API checks for the {@code signed_cookies} engine, on both stacks: the cookie is
 * the signed session data, compressed when that makes it smaller, and a copy of a token
 * that a login or a logout replaced is revoked by the registry of each user's sessions;
 * tokens forged with the demo's published key (a compression bomb, hostile expiries,
 * signed in the future) never give a server error, and a session too large for a cookie
 * answers an error that says so. The {@code signed_cookies} test class of each stack
 * implements this interface.
 *
 * @author Session Engines contributors
 */
public interface SignedCookiesChecks extends LoginChecks {

	/**
	 * The format of a signed token: the payload ({@code .} first when compressed), the
	 * timestamp and the signature.
	 */
	String TOKEN = "^\\.?[A-Za-z0-9_-]+:[0-9A-Za-z]+:[A-Za-z0-9_-]{43}$";

	/**
	 * Return the application's secret key, with which the tests forge tokens as anyone
	 * who knows the demo's published key could.
	 * @return the secret key
	 */
	String secretKey();

	@Override
	default void assertSessionCookieFormat(String value) {
		assertThat(value).matches(TOKEN);
	}

	/**
	 * A login issues a new token (asserted by every login check). A copy of an anonymous
	 * token the login replaced stays what it was, never logged in; a copy of a logged-in
	 * one is revoked by the registry (its registry id was ended), so it loads as no
	 * session, where Django would still accept it until it expires (reference §5).
	 */
	@Override
	default void assertReplacedAtLogin(String replaced, @Nullable String user) {
		assertThat(me(replaced).status()).isEqualTo(401);
		if (user != null) {
			assertRevoked(replaced);
		}
	}

	/**
	 * The logout deletes the browser's cookie and revokes the session's registry id, so a
	 * copy of the token taken before is anonymous with an empty session (Django keeps it
	 * valid until it expires, reference §5).
	 */
	@Override
	default void assertReplayedAfterLogout(String loggedOut, String user) {
		assertRevoked(loggedOut);
	}

	@Test
	default void smallSessionIsCompactJsonInTheToken() {
		String token = newSession();
		assertThat(token).doesNotStartWith(".");
		String payload = token.substring(0, token.indexOf(':'));
		String json = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
		assertThat(Reply.json(json)).isEqualTo(Reply.json("{\"visits\":1}"));
		assertThat(json).doesNotContain(" ");
	}

	@Test
	default void largeCompressibleSessionIsCompressed() {
		Reply reply = ops("[{'op':'set','key':'a','value':'" + "a".repeat(3000) + "'}]", null);
		String token = reply.newSessionCookie();
		assertSessionCookieFormat(token);
		assertThat(token).startsWith(".");
		assertThat(reply.sessionCookie().size()).isLessThan(4096);
		assertThat(get("/api/session", token).json().get("a").stringValue()).hasSize(3000);
	}

	@Test
	default void dataOverWhatACookieHoldsIsRefusedWhenSet() {
		String cookie = newSession();
		Reply reply = ops("[{'op':'set','key':'big','value':'" + "a".repeat(4096) + "'}]", cookie);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(413);
		assertThat(reply.json().get("error").stringValue()).contains("4096 bytes");
		assertThat(reply.sessionCookie()).as(reply.toString()).isNull();
		assertThat(get("/api/peek", cookie).body()).isEqualTo("1");
	}

	@Test
	default void replayedCookieStillCarriesItsDataAfterFlushAsInDjango() {
		String cookie = newSession();
		DemoApi.assertDeletionCookie(ops("[{'op':'flush'}]", cookie));
		assertThat(get("/api/peek", cookie).body()).isEqualTo("1");
	}

	@Test
	default void compressionBombSignedWithTheKeyIsAnEmptySession() {
		// a validly signed token of about 5 KB (under the servers' 8 KB of headers) that
		// would inflate to 4 MB
		String bomb = new TimestampSigner(secretKey(), List.of(), SignedCookieSessionEngine.SALT, Clock.systemUTC())
			.sign(("{\"a\":\"" + "a".repeat(4 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.US_ASCII));
		assertThat(bomb).startsWith(".").hasSizeLessThan(7000);
		for (int i = 0; i < 20; i++) {
			Reply reply = get("/api/peek", bomb);
			assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
			assertThat(reply.body()).isEqualTo("0");
		}
	}

	@Test
	default void sessionTooLargeForACookieIsRefused() {
		String cookie = newSession();
		// under the 4 KB of data a cookie holds, but over it once signed
		byte[] random = new byte[3000];
		new SecureRandom().nextBytes(random);
		String incompressible = Base64.getUrlEncoder().encodeToString(random);
		Reply reply = ops("[{'op':'set','key':'big','value':'" + incompressible + "'}]", cookie);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(500);
		assertThat(reply.setCookies()).allSatisfy((setCookie) -> assertThat(setCookie.header()).hasSizeLessThan(4096));
		assertThat(reply.sessionCookie()).as(reply.toString()).isNull();
		assertThat(reply.body()).containsIgnoringCase("cookie");
		assertThat(get("/api/peek", cookie).body()).isEqualTo("1");
	}

	@Test
	default void sessionTooLargeForACookieSaysHowLargeAndWhatTheLimitIs() {
		String cookie = newSession();
		// under the 4 KB of data a cookie holds, but over it once signed
		byte[] random = new byte[3000];
		new SecureRandom().nextBytes(random);
		String incompressible = Base64.getUrlEncoder().encodeToString(random);
		// the second reply echoes the value three times, more than the servlet demo's
		// response buffer, so there the response commits while its body is written
		String get = ",{'op':'get','key':'big'}";
		for (String operations : List.of("[{'op':'set','key':'big','value':'" + incompressible + "'}]",
				"[{'op':'set','key':'big','value':'" + incompressible + "'}" + get.repeat(3) + "]")) {
			Reply reply = ops(operations, cookie);
			assertThat(reply.status()).as(reply.toString()).isEqualTo(500);
			assertThat(reply.sessionCookie()).as(reply.toString()).isNull();
			assertThat(reply.body()).as(reply.toString())
				.containsPattern("The session cookie would be \\d{4,5} bytes, over the 4096-byte limit")
				.doesNotContain("Exception")
				.doesNotContain(incompressible);
		}
		assertThat(get("/api/peek", cookie).body()).isEqualTo("1");
	}

	/**
	 * Tokens forged with the demo's published key, holding expiries no store can hold:
	 * each request that saves them must still work.
	 * @param storedExpiry the forged {@code _session_expiry}, as JSON
	 */
	@ParameterizedTest
	@ValueSource(strings = { "\"9999-12-31T23:59:59.999999+00:00\"", "\"2400-01-01T00:00:00+00:00\"",
			"\"1700-01-01T00:00:00+00:00\"", "\"+999999999-12-31T23:59:59+00:00\"",
			"\"-999999999-01-01T00:00:00+00:00\"", "1e300", "-1e300", "9223372036854775807", "18446744073709551616" })
	default void forgedTokensWithHostileExpiriesNeverGiveAServerError(String storedExpiry) {
		String token = forge("{\"visits\":1,\"_session_expiry\":" + storedExpiry + "}", Instant.now());
		Reply visits = get("/api/visits", token);
		assertThat(visits.status()).as(visits.toString()).isEqualTo(200);
		assertThat(visits.body()).isIn("1", "2");
		SetCookie cookie = visits.sessionCookie();
		assertThat(cookie).as(visits.toString()).isNotNull();
		assertThat(cookie.maxAge()).as(cookie.header()).isBetween(0L, Duration.ofDays(400).toSeconds());
		Reply info = ops("[{'op':'expiry-info'},{'op':'modified'}]", token);
		assertThat(info.status()).as(info.toString()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(longs = { 61, 3600, 86_400L * 365 * 100, 253_402_300_799L, 13_537_086_546_263_551L })
	default void tokensSignedInTheFutureAreNoSession(long secondsAheadOrEpochSecond) {
		Instant now = Instant.now();
		Instant signedAt = (secondsAheadOrEpochSecond > now.getEpochSecond())
				? Instant.ofEpochSecond(secondsAheadOrEpochSecond) : now.plusSeconds(secondsAheadOrEpochSecond);
		String token = forge("{\"visits\":41}", signedAt);
		Reply visits = get("/api/visits", token);
		assertThat(visits.status()).as(visits.toString()).isEqualTo(200);
		assertThat(visits.body()).isEqualTo("1");
	}

	@Test
	default void tokenSignedWithinTheClockSkewIsAccepted() {
		assertThat(get("/api/visits", forge("{\"visits\":41}", Instant.now().plusSeconds(20))).body()).isEqualTo("42");
	}

	private String forge(String json, Instant signedAt) {
		return new TimestampSigner(secretKey(), List.of(), SignedCookieSessionEngine.SALT,
				Clock.fixed(signedAt, ZoneOffset.UTC))
			.sign(json.getBytes(StandardCharsets.UTF_8));
	}

	private void assertRevoked(String token) {
		Reply me = me(token);
		assertThat(me.status()).as(me.toString()).isEqualTo(401);
		DemoApi.assertDeletionCookie(me);
		Reply session = get("/api/session", token);
		assertThat(session.json()).as(session.toString()).isEqualTo(Reply.json("{}"));
	}

}
