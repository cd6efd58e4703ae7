package io.sessionengines.web.servlet;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.sessionengines.web.SameSite;
import io.sessionengines.web.SessionCookie;
import io.sessionengines.web.SessionCookieTooLargeException;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SessionCookie}.
 *
 * @author Session Engines contributors
 */
class SessionCookieTests {

	private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

	private static final Pattern EXPIRES = Pattern.compile("Expires=([^;]+);");

	private final SessionCookie defaults = new SessionCookie("sessionid", null, "/", false, true, SameSite.LAX);

	@Test
	void writeUsesDjangosDefaultAttributes() {
		SetCookieCapturingResponse response = new SetCookieCapturingResponse();
		ServletSessionHeaders.setCookie(response, this.defaults.header("abcdefgh12345678", 1209600L, NOW));
		assertThat(response.setCookieHeader()).isEqualTo("sessionid=abcdefgh12345678; Max-Age=1209600; "
				+ "Expires=Sat, 05 Dec 2026 10:00:00 GMT; Path=/; HttpOnly; SameSite=Lax");
		assertThat(response.getHeader("Vary")).isEqualTo("Cookie");
	}

	@Test
	void writeWithoutMaxAgeMakesABrowserSessionCookie() {
		SetCookieCapturingResponse response = new SetCookieCapturingResponse();
		ServletSessionHeaders.setCookie(response, this.defaults.header("abcdefgh12345678", null, NOW));
		assertThat(response.setCookieHeader()).isEqualTo("sessionid=abcdefgh12345678; Path=/; HttpOnly; SameSite=Lax");
	}

	@Test
	void writeOfAnExpiredSessionSendsMaxAgeZeroNotANegativeOne() {
		SetCookieCapturingResponse response = new SetCookieCapturingResponse();
		ServletSessionHeaders.setCookie(response, this.defaults.header("abcdefgh12345678", -10L, NOW));
		assertThat(response.setCookieHeader())
			.startsWith("sessionid=abcdefgh12345678; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT;");
	}

	@Test
	void maxAgeNeverExceedsWhatBrowsersKeep() {
		SetCookieCapturingResponse response = new SetCookieCapturingResponse();
		ServletSessionHeaders.setCookie(response, this.defaults.header("abcdefgh12345678", 10_000_000_000L, NOW));
		assertThat(response.setCookieHeader()).contains("Max-Age=34560000; Expires=Sun, 26 Dec 2027 10:00:00 GMT;");
	}

	@Test
	void extremeMaxAgesNeverFail() {
		SetCookieCapturingResponse response = new SetCookieCapturingResponse();
		ServletSessionHeaders.setCookie(response, this.defaults.header("abcdefgh12345678", Long.MAX_VALUE, NOW));
		ServletSessionHeaders.setCookie(response, this.defaults.header("abcdefgh12345678", Long.MIN_VALUE, NOW));
		assertThat(response.setCookieHeaders()).containsExactly(
				"sessionid=abcdefgh12345678; Max-Age=34560000; Expires=Sun, 26 Dec 2027 10:00:00 GMT; Path=/; HttpOnly; SameSite=Lax",
				"sessionid=abcdefgh12345678; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/; HttpOnly; SameSite=Lax");
	}

	@Test
	void expiresNeverPassesTheLastDateACookieCanCarry() {
		// a cookie date has a four-digit year (RFC 6265); Max-Age agrees with Expires
		SetCookieCapturingResponse response = new SetCookieCapturingResponse();
		ServletSessionHeaders.setCookie(response,
				this.defaults.header("abcdefgh12345678", 1209600L, Instant.parse("9999-12-31T00:00:00Z")));
		ServletSessionHeaders.setCookie(response, this.defaults.header("abcdefgh12345678", 1209600L, Instant.MAX));
		assertThat(response.setCookieHeaders()).containsExactly(
				"sessionid=abcdefgh12345678; Max-Age=86399; Expires=Fri, 31 Dec 9999 23:59:59 GMT; Path=/; HttpOnly; SameSite=Lax",
				"sessionid=abcdefgh12345678; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/; HttpOnly; SameSite=Lax");
	}

	@Test
	void expiresDayIsZeroPadded() {
		SetCookieCapturingResponse response = new SetCookieCapturingResponse();
		ServletSessionHeaders.setCookie(response,
				this.defaults.header("abcdefgh12345678", 60L, Instant.parse("2026-03-01T08:00:00Z")));
		assertThat(response.setCookieHeader()).contains("Expires=Sun, 01 Mar 2026 08:01:00 GMT");
	}

	@Test
	void everyCookieCarriesTheExpiresOfItsOwnSecondWhenWritesOfDifferentSecondsInterleave() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> writers = new ArrayList<>();
			for (int thread = 0; thread < 4; thread++) {
				int offset = thread;
				writers.add(threads.submit(() -> {
					for (int i = 0; i < 2_000; i++) {
						Instant now = NOW.plusMillis(((i + offset) % 7) * 700L);
						SetCookieCapturingResponse response = new SetCookieCapturingResponse();
						ServletSessionHeaders.setCookie(response, this.defaults.header("abcdefgh12345678", 60L, now));
						Matcher expires = EXPIRES.matcher(response.setCookieHeader());
						assertThat(expires.find()).isTrue();
						assertThat(DateTimeFormatter.RFC_1123_DATE_TIME.parse(expires.group(1), Instant::from))
							.isEqualTo(now.plusSeconds(60).truncatedTo(ChronoUnit.SECONDS));
					}
				}));
			}
			for (Future<?> writer : writers) {
				writer.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void deleteKeepsPathDomainSameSiteSecureAndHttpOnly() {
		SessionCookie cookie = new SessionCookie("sid", ".example.com", "/app/", true, true, SameSite.STRICT);
		SetCookieCapturingResponse response = new SetCookieCapturingResponse();
		ServletSessionHeaders.setCookie(response, cookie.deletionHeader());
		assertThat(response.setCookieHeader()).isEqualTo("sid=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; "
				+ "Domain=.example.com; Path=/app/; Secure; HttpOnly; SameSite=Strict");
		assertThat(response.getHeader("Vary")).isEqualTo("Cookie");
	}

	@Test
	void sameSiteNoneAndSecurePrefixesAlwaysMakeTheCookieSecure() {
		assertThat(writtenHeader(new SessionCookie("sessionid", null, "/", false, true, SameSite.NONE)))
			.contains("; Secure;")
			.endsWith("SameSite=None");
		assertThat(writtenHeader(new SessionCookie("__Host-sessionid", null, "/", false, true, SameSite.LAX)))
			.contains("; Secure;");
		assertThat(writtenHeader(new SessionCookie("__Secure-sessionid", null, "/", false, true, SameSite.LAX)))
			.contains("; Secure;");
		assertThat(writtenHeader(this.defaults)).doesNotContain("Secure");
	}

	@Test
	void sameSiteFalseAndHttpOnlyOffOmitTheAttributes() {
		String header = writtenHeader(new SessionCookie("sessionid", null, "/", false, false, SameSite.FALSE));
		assertThat(header).doesNotContain("SameSite").doesNotContain("HttpOnly");
	}

	@Test
	void writeRefusesACookieLargerThanBrowsersAccept() {
		SetCookieCapturingResponse response = new SetCookieCapturingResponse();
		String value = "a".repeat(SessionCookie.MAX_SIZE - "sessionid".length() + 1);
		assertThatExceptionOfType(SessionCookieTooLargeException.class)
			.isThrownBy(() -> ServletSessionHeaders.setCookie(response, this.defaults.header(value, 60L, NOW)))
			.withMessageContaining("4097 bytes")
			.withMessageContaining("4096-byte limit");
		assertThat(response.setCookieHeader()).isNull();
	}

	@Test
	void writeAcceptsACookieOfExactlyTheLimit() {
		SetCookieCapturingResponse response = new SetCookieCapturingResponse();
		ServletSessionHeaders.setCookie(response,
				this.defaults.header("a".repeat(SessionCookie.MAX_SIZE - "sessionid".length()), 60L, NOW));
		assertThat(response.setCookieHeader()).isNotNull();
	}

	@Test
	void readTakesTheLastOfSeveralSessionCookies() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setCookies(new Cookie("sessionid", "first1234"), new Cookie("other", "x"),
				new Cookie("sessionid", "second123"));
		assertThat(ServletSessionHeaders.readCookie(request, "sessionid")).isEqualTo("second123");
	}

	@Test
	void readWithoutTheCookieIsNull() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		assertThat(ServletSessionHeaders.readCookie(request, "sessionid")).isNull();
		request.setCookies(new Cookie("other", "x"));
		assertThat(ServletSessionHeaders.readCookie(request, "sessionid")).isNull();
	}

	@Test
	void varyOnCookieMergesWithExistingVaryWithoutDuplicates() {
		SetCookieCapturingResponse response = new SetCookieCapturingResponse();
		response.addHeader("Vary", "Accept-Encoding");
		ServletSessionHeaders.vary(response, "Cookie");
		ServletSessionHeaders.vary(response, "Cookie");
		assertThat(response.getHeaders("Vary")).containsExactly("Accept-Encoding, Cookie");
	}

	@Test
	void varyOnCookieLeavesAVaryStarAlone() {
		SetCookieCapturingResponse response = new SetCookieCapturingResponse();
		response.addHeader("Vary", "*");
		ServletSessionHeaders.vary(response, "Cookie");
		assertThat(response.getHeaders("Vary")).containsExactly("*");
	}

	@Test
	void varyOnCookieRecognisesCookieInAnyCase() {
		SetCookieCapturingResponse response = new SetCookieCapturingResponse();
		response.addHeader("Vary", "Accept, cookie");
		ServletSessionHeaders.vary(response, "Cookie");
		assertThat(response.getHeaders("Vary")).containsExactly("Accept, cookie");
	}

	private static String writtenHeader(SessionCookie cookie) {
		SetCookieCapturingResponse response = new SetCookieCapturingResponse();
		ServletSessionHeaders.setCookie(response, cookie.header("abcdefgh12345678", 60L, NOW));
		return response.setCookieHeader();
	}

}
