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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Demo API tests with the {@code signed_cookies} engine: the {@link SignedCookiesChecks}
 * that the reactive demo passes too, plus the servlet demo's own checks of tokens forged
 * with the demo's key and of sessions too large for a cookie.
 *
 * @author Session Engines contributors
 */
@TestPropertySource(properties = "session.engine=signed_cookies")
class SignedCookiesEngineDemoIntegrationTests extends AbstractDemoHttpIntegrationTests implements SignedCookiesChecks {

	@Value("${session.secret-key}")
	private String secretKey;

	@Test
	void compressionBombSignedWithTheKeyIsAnEmptySession() {
		// a validly signed token of about 5 KB (under Tomcat's 8 KB of headers) that
		// would inflate
		// to 4 MB
		String bomb = new TimestampSigner(this.secretKey, List.of(), SignedCookieSessionEngine.SALT, Clock.systemUTC())
			.sign(("{\"a\":\"" + "a".repeat(4 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.US_ASCII));
		assertThat(bomb).startsWith(".").hasSizeLessThan(7000);
		for (int i = 0; i < 20; i++) {
			Reply reply = get("/api/peek", bomb);
			assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
			assertThat(reply.body()).isEqualTo("0");
		}
	}

	@Test
	void sessionTooLargeForACookieIsRefused() {
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
	void sessionTooLargeForACookieSaysHowLargeAndWhatTheLimitIs() {
		String cookie = newSession();
		// under the 4 KB of data a cookie holds, but over it once signed
		byte[] random = new byte[3000];
		new SecureRandom().nextBytes(random);
		String incompressible = Base64.getUrlEncoder().encodeToString(random);
		// the second reply echoes the value three times, more than the response buffer,
		// so
		// the response commits while its body is written
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
	void forgedTokensWithHostileExpiriesNeverGiveAServerError(String storedExpiry) {
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
	void tokensSignedInTheFutureAreNoSession(long secondsAheadOrEpochSecond) {
		Instant now = Instant.now();
		Instant signedAt = (secondsAheadOrEpochSecond > now.getEpochSecond())
				? Instant.ofEpochSecond(secondsAheadOrEpochSecond) : now.plusSeconds(secondsAheadOrEpochSecond);
		String token = forge("{\"visits\":41}", signedAt);
		Reply visits = get("/api/visits", token);
		assertThat(visits.status()).as(visits.toString()).isEqualTo(200);
		assertThat(visits.body()).isEqualTo("1");
	}

	@Test
	void tokenSignedWithinTheClockSkewIsAccepted() {
		assertThat(get("/api/visits", forge("{\"visits\":41}", Instant.now().plusSeconds(20))).body()).isEqualTo("42");
	}

	private String forge(String json, Instant signedAt) {
		return new TimestampSigner(this.secretKey, List.of(), SignedCookieSessionEngine.SALT,
				Clock.fixed(signedAt, ZoneOffset.UTC))
			.sign(json.getBytes(StandardCharsets.UTF_8));
	}

}
