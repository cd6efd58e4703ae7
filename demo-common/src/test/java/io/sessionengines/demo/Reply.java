package io.sessionengines.demo;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A response of the demo application, with helpers to read its session cookie and
 * {@code Vary} header.
 *
 * @author Session Engines contributors
 */
public final class Reply {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	/**
	 * The name of the servlet container's session cookie, which must never be set.
	 */
	public static final String SERVLET_SESSION_COOKIE = "JSESSIONID";

	private static final String SERVLET_SESSION_COOKIE_PARAMETER = ";jsessionid=";

	private final HttpResponse<String> response;

	public Reply(HttpResponse<String> response) {
		this.response = response;
	}

	public int status() {
		return this.response.statusCode();
	}

	public String body() {
		return this.response.body();
	}

	public JsonNode json() {
		return json(body());
	}

	public @Nullable String contentType() {
		return this.response.headers().firstValue("Content-Type").orElse(null);
	}

	public List<String> headers(String name) {
		return this.response.headers().allValues(name);
	}

	public List<SetCookie> setCookies() {
		return headers("Set-Cookie").stream().map(SetCookie::parse).toList();
	}

	/**
	 * Return the session cookie this response sets or deletes, asserting that there is at
	 * most one.
	 * @return the session cookie, or {@code null} when the response has none
	 */
	public @Nullable SetCookie sessionCookie() {
		List<SetCookie> cookies = setCookies().stream()
			.filter((cookie) -> cookie.name().equals(DemoHttp.COOKIE_NAME))
			.toList();
		assertThat(cookies).as("session cookies set by %s", this.response).hasSizeLessThanOrEqualTo(1);
		return cookies.isEmpty() ? null : cookies.get(0);
	}

	/**
	 * Return the value of the session cookie this response sets, asserting that it sets a
	 * live one.
	 * @return the new session cookie value
	 */
	public String newSessionCookie() {
		SetCookie cookie = sessionCookie();
		assertThat(cookie).as("session cookie of %s: %s", this.response, body()).isNotNull();
		assertThat(cookie.isDeletion()).as("%s is a deletion", cookie.header()).isFalse();
		assertThat(cookie.value()).isNotEmpty();
		return cookie.value();
	}

	public @Nullable String location() {
		return this.response.headers().firstValue("Location").orElse(null);
	}

	/**
	 * Assert that the servlet container's own session shows nowhere in this response: no
	 * {@code JSESSIONID} cookie set or deleted, and no {@code ;jsessionid=} path
	 * parameter (URL rewriting) in a redirect or in the body. The engine's session must
	 * be the only one.
	 * @return this reply
	 */
	public Reply assertNoServletSession() {
		assertThat(headers("Set-Cookie")).as("Set-Cookie headers of %s", this)
			.noneMatch((header) -> SetCookie.parse(header).name().equalsIgnoreCase(SERVLET_SESSION_COOKIE));
		assertThat(headers("Location")).as("Location of %s", this)
			.noneMatch((location) -> location.toLowerCase(Locale.ROOT).contains(SERVLET_SESSION_COOKIE_PARAMETER));
		assertThat(body()).as("body of %s", this.response).doesNotContainIgnoringCase(SERVLET_SESSION_COOKIE_PARAMETER);
		return this;
	}

	public boolean variesOnCookie() {
		return headers("Vary").stream()
			.flatMap((vary) -> Arrays.stream(vary.split(",")))
			.anyMatch((value) -> value.trim().equalsIgnoreCase("Cookie"));
	}

	@Override
	public String toString() {
		return this.response + " " + this.response.headers().map() + " " + body();
	}

	public static JsonNode json(String json) {
		return mapper.readTree(json);
	}

}
