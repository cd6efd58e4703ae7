package io.sessionengines.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLSession;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link Reply#assertNoServletSession()}, which every reply of the demo's HTTP
 * tests goes through: it must catch each trace of the servlet container's session.
 *
 * @author Session Engines contributors
 */
class ReplyTests {

	@Test
	void replyWithTheEngineSessionOnlyPasses() {
		Reply reply = reply(Map.of("Set-Cookie", List.of("sessionid=abc; Path=/", "other=JSESSIONID"), "Location",
				List.of("/login?error")), "<form action=\"/login\">");
		assertThatNoException().isThrownBy(reply::assertNoServletSession);
	}

	@Test
	void servletSessionCookieFails() {
		assertFails(
				reply(Map.of("Set-Cookie", List.of("sessionid=abc; Path=/", "JSESSIONID=0A1B; Path=/; HttpOnly")), ""));
	}

	@Test
	void deletedServletSessionCookieFails() {
		assertFails(reply(Map.of("Set-Cookie", List.of("jsessionid=; Max-Age=0")), ""));
	}

	@Test
	void servletSessionInARedirectFails() {
		assertFails(reply(Map.of("Location", List.of("http://localhost/;jsessionid=0A1B")), ""));
	}

	@Test
	void servletSessionInTheBodyFails() {
		assertFails(reply(Map.of(), "<form action=\"/login;jsessionid=0A1B\">"));
	}

	private static void assertFails(Reply reply) {
		assertThatExceptionOfType(AssertionError.class).isThrownBy(reply::assertNoServletSession);
	}

	private static Reply reply(Map<String, List<String>> headers, String body) {
		HttpHeaders httpHeaders = HttpHeaders.of(new LinkedHashMap<>(headers), (name, value) -> true);
		return new Reply(new HttpResponse<>() {

			@Override
			public int statusCode() {
				return 200;
			}

			@Override
			public HttpRequest request() {
				return HttpRequest.newBuilder(uri()).build();
			}

			@Override
			public Optional<HttpResponse<String>> previousResponse() {
				return Optional.empty();
			}

			@Override
			public HttpHeaders headers() {
				return httpHeaders;
			}

			@Override
			public String body() {
				return body;
			}

			@Override
			public Optional<SSLSession> sslSession() {
				return Optional.empty();
			}

			@Override
			public URI uri() {
				return URI.create("http://localhost/");
			}

			@Override
			public HttpClient.Version version() {
				return HttpClient.Version.HTTP_1_1;
			}

		});
	}

}
