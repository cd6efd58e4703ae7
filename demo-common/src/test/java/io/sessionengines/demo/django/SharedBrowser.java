package io.sessionengines.demo.django;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser in front of two applications on the same host (both listen on
 * {@code 127.0.0.1}): it holds one host-only {@value #COOKIE_NAME} cookie, sends it to
 * both, and keeps what the last response set, or forgets it when a response deletes it
 * ({@code Max-Age} zero or less, or an empty value).
 * <p>
 * Unlike a real browser it never expires the cookie by time, so that a test can check
 * that an application refuses a session past its expiry when a client still sends it.
 *
 * @author Session Engines contributors
 */
final class SharedBrowser {

	static final String COOKIE_NAME = "sessionid";

	/**
	 * Reads Python's {@code NaN} and {@code Infinity} too, as Django's JSON responses may
	 * hold them.
	 */
	private static final JsonMapper mapper = JsonMapper.builder()
		.enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
		.build();

	private static final HttpClient client = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private @Nullable String cookie;

	/**
	 * Return a site this browser visits.
	 * @param name the site's name in failure messages
	 * @param url the site's base URL
	 * @return the site
	 */
	Site site(String name, URI url) {
		return new Site(name, url);
	}

	/**
	 * Return the session cookie the browser holds.
	 * @return the cookie's value, or {@code null} when it holds none
	 */
	@Nullable String cookie() {
		return this.cookie;
	}

	/**
	 * Put a session cookie in the browser, as a client that replays an old cookie does,
	 * or remove it.
	 * @param value the cookie's value, or {@code null} for none
	 */
	void cookie(@Nullable String value) {
		this.cookie = value;
	}

	static JsonNode json(String json) {
		return mapper.readTree(json);
	}

	static String json(Object value) {
		return mapper.writeValueAsString(value);
	}

	private Page send(Site site, HttpRequest.Builder request) {
		if (this.cookie != null) {
			request.header("Cookie", COOKIE_NAME + "=" + this.cookie);
		}
		try {
			Page page = new Page(site.name(),
					client.send(request.timeout(Duration.ofSeconds(30)).build(), BodyHandlers.ofString()));
			if (page.setsSessionCookie()) {
				this.cookie = page.isSessionCookieDeletion() ? null : page.sessionCookie();
			}
			return page;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An application the browser visits.
	 */
	final class Site {

		private final String name;

		private final URI url;

		private Site(String name, URI url) {
			this.name = name;
			this.url = url;
		}

		String name() {
			return this.name;
		}

		/**
		 * Return the application's address.
		 * @return the base URL
		 */
		URI url() {
			return this.url;
		}

		/**
		 * Send a {@code GET}.
		 * @param path the path and query
		 * @return the page
		 */
		Page get(String path) {
			return send(this, HttpRequest.newBuilder(this.url.resolve(path)).GET());
		}

		/**
		 * Send a {@code POST} with a JSON body.
		 * @param path the path and query
		 * @param json the body
		 * @return the page
		 */
		Page post(String path, String json) {
			return send(this,
					HttpRequest.newBuilder(this.url.resolve(path))
						.header("Content-Type", "application/json")
						.POST(BodyPublishers.ofString(json)));
		}

	}

	/**
	 * A response.
	 */
	static final class Page {

		private final String site;

		private final HttpResponse<String> response;

		private final @Nullable String setCookie;

		private Page(String site, HttpResponse<String> response) {
			this.site = site;
			this.response = response;
			List<String> cookies = response.headers()
				.allValues("Set-Cookie")
				.stream()
				.filter((header) -> header.strip().startsWith(COOKIE_NAME + "="))
				.toList();
			assertThat(cookies).as("session cookies set by %s", this).hasSizeLessThanOrEqualTo(1);
			this.setCookie = cookies.isEmpty() ? null : cookies.get(0).strip();
		}

		int status() {
			return this.response.statusCode();
		}

		String body() {
			return this.response.body();
		}

		/**
		 * Assert that the status is {@code 200} and return the JSON body.
		 * @return the body
		 */
		JsonNode json() {
			assertThat(status()).as("status of %s", this).isEqualTo(200);
			return SharedBrowser.json(body());
		}

		/**
		 * Return whether the response sets or deletes the session cookie.
		 * @return whether there is a session {@code Set-Cookie}
		 */
		boolean setsSessionCookie() {
			return this.setCookie != null;
		}

		/**
		 * Return the value of the session cookie the response sets, even one that it sets
		 * already expired, so that a test can replay it.
		 * @return the value, or {@code null} when the response sets no session cookie
		 */
		@Nullable String sessionCookie() {
			if (this.setCookie == null) {
				return null;
			}
			String value = this.setCookie.split(";")[0].substring(COOKIE_NAME.length() + 1).strip();
			return (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\""))
					? value.substring(1, value.length() - 1) : value;
		}

		/**
		 * Return whether the session cookie is deleted: an empty value, or a
		 * {@code Max-Age} of zero or less.
		 * @return whether a browser drops the cookie
		 */
		boolean isSessionCookieDeletion() {
			if (this.setCookie == null) {
				return false;
			}
			String value = sessionCookie();
			if (value == null || value.isEmpty()) {
				return true;
			}
			for (String attribute : this.setCookie.split(";")) {
				String[] parts = attribute.strip().split("=", 2);
				if (parts.length == 2 && parts[0].toLowerCase(Locale.ROOT).equals("max-age")) {
					return Long.parseLong(parts[1].strip()) <= 0;
				}
			}
			return false;
		}

		@Override
		public String toString() {
			return this.site + " " + this.response.request().method() + " " + this.response.uri().getPath() + ": "
					+ status() + " " + this.response.headers().allValues("Set-Cookie") + " " + body();
		}

	}

}
