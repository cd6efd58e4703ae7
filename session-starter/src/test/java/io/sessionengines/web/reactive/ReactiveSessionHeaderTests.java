package io.sessionengines.web.reactive;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.sessionengines.web.reactive.AbstractReactiveSessionTests.ReactiveApplication;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session header ({@code session.header-name}) under Spring WebFlux, on a real Netty
 * server, with the {@code file} engine (whose keys name files, so that a hostile key
 * would matter most): the key is read from the header, which wins over the cookie; the
 * response sends a new key in the header as well as in the cookie and clears the header
 * when the session ends, as on the servlet stack; a hostile key gives an empty session.
 *
 * @author Session Engines contributors
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReactiveSessionHeaderTests {

	private static final String HEADER = "X-Session-Key";

	private final HttpClient client = HttpClient.newHttpClient();

	@TempDir
	static Path sessions;

	private ConfigurableApplicationContext context;

	private int port;

	@BeforeAll
	void startServer() {
		this.context = start(sessions, "session.header-name=" + HEADER);
		this.port = port(this.context);
	}

	@AfterAll
	void stopServer() {
		this.context.close();
	}

	@Test
	void aNewSessionsKeyIsSentInTheHeaderToo() throws Exception {
		HttpResponse<String> response = get(this.port, "/visits", null, null);
		assertThat(response.body()).isEqualTo("1");
		String key = AbstractReactiveSessionTests.sessionCookie(response);
		assertThat(response.headers().allValues(HEADER)).containsExactly(key);
		assertThat(response.headers().allValues("Vary")).containsExactly("Cookie, " + HEADER);
	}

	@Test
	void theHeaderCarriesTheKeyWithoutACookie() throws Exception {
		String key = header(get(this.port, "/visits", null, null));
		HttpResponse<String> second = get(this.port, "/visits", key, null);
		assertThat(second.body()).isEqualTo("2");
		assertThat(second.headers().allValues(HEADER)).containsExactly(key);
		HttpResponse<String> peek = get(this.port, "/peek", key, null);
		assertThat(peek.body()).isEqualTo("2");
		assertThat(peek.headers().allValues(HEADER)).isEmpty();
		assertThat(AbstractReactiveSessionTests.setCookie(peek)).isNull();
		assertThat(peek.headers().allValues("Vary")).containsExactly("Cookie, " + HEADER);
	}

	@Test
	void theHeaderWinsOverTheCookie() throws Exception {
		String one = header(get(this.port, "/visits", null, null));
		String cookie = header(get(this.port, "/visits", header(get(this.port, "/visits", null, null)), null));
		assertThat(get(this.port, "/peek", null, cookie).body()).isEqualTo("2");
		assertThat(get(this.port, "/peek", one, cookie).body()).isEqualTo("1");
		// a request whose header names no live session does not fall back to the cookie
		assertThat(get(this.port, "/peek", "nosuchsessionkeyxxxxxxxxxxxxxxxx", cookie).body()).isEqualTo("0");
	}

	@Test
	void anEndedSessionClearsTheHeaderAndDeletesTheCookie() throws Exception {
		String key = header(get(this.port, "/visits", null, null));
		HttpResponse<String> logout = post(this.port, "/web/logout", key);
		assertThat(logout.statusCode()).isEqualTo(200);
		assertThat(logout.headers().allValues(HEADER)).containsExactly("");
		assertThat(AbstractReactiveSessionTests.setCookie(logout)).contains("Max-Age=0");
		assertThat(get(this.port, "/peek", key, null).body()).isEqualTo("0");
		assertThat(storedSessions()).doesNotContain(key);
	}

	@Test
	void aKeyChangeSendsTheNewKeyInTheHeader() throws Exception {
		String key = header(get(this.port, "/visits", null, null));
		HttpResponse<String> login = post(this.port, "/web/login", key);
		String changed = header(login);
		assertThat(changed).isNotEqualTo(key).isEqualTo(login.body());
		assertThat(get(this.port, "/peek", changed, null).body()).isEqualTo("1");
		assertThat(get(this.port, "/peek", key, null).body()).isEqualTo("0");
	}

	@ParameterizedTest
	@MethodSource("hostileKeys")
	void aHostileKeyInTheHeaderGivesAnEmptySession(String hostile) throws Exception {
		List<String> before = storedSessions();
		HttpResponse<String> peek = get(this.port, "/peek", hostile, null);
		assertThat(peek.statusCode()).isEqualTo(200);
		assertThat(peek.body()).isEqualTo("0");
		// the request carried a key and its session is empty: cleared, as Django does
		assertThat(peek.headers().allValues(HEADER)).containsExactly("");
		HttpResponse<String> visits = get(this.port, "/visits", hostile, null);
		assertThat(visits.statusCode()).isEqualTo(200);
		assertThat(visits.body()).isEqualTo("1");
		String key = header(visits);
		assertThat(key).isNotEqualTo(hostile).matches("[a-z0-9]{32}");
		List<String> after = new ArrayList<>(storedSessions());
		after.removeAll(before);
		assertThat(after).containsExactly(key);
	}

	@ParameterizedTest
	@MethodSource("hostileKeys")
	void aHostileKeyInTheHeaderWinsOverAValidCookieWithoutA5xx(String hostile) throws Exception {
		String cookie = header(get(this.port, "/visits", null, null));
		HttpResponse<String> peek = get(this.port, "/peek", hostile, cookie);
		assertThat(peek.statusCode()).isEqualTo(200);
		assertThat(peek.body()).isEqualTo("0");
		assertThat(get(this.port, "/peek", null, cookie).body()).isEqualTo("1");
	}

	static List<String> hostileKeys() {
		return List.of("x".repeat(4000), "a".repeat(33), "short", "../../../../etc/passwd", "..%2F..%2Fsessionid",
				"ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", "abc def ghi jkl mno pqr stu vwx", "é".repeat(32),
				"'; DROP TABLE django_session; --", "\"quoted\"", "", " ", "0".repeat(32) + ",other");
	}

	private List<String> storedSessions() throws IOException {
		try (Stream<Path> files = Files.list(sessions)) {
			return files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.startsWith("sessionid"))
				.map((name) -> name.substring("sessionid".length()))
				.toList();
		}
	}

	private static String header(HttpResponse<String> response) {
		List<String> values = response.headers().allValues(HEADER);
		assertThat(values).as("%s of %s", HEADER, response).hasSize(1);
		return values.get(0);
	}

	private HttpResponse<String> get(int port, String path, @Nullable String header, @Nullable String cookie)
			throws IOException, InterruptedException {
		return send(port, HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET(), header, cookie);
	}

	private HttpResponse<String> post(int port, String path, @Nullable String header)
			throws IOException, InterruptedException {
		return send(port, HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.POST(HttpRequest.BodyPublishers.noBody()), header, null);
	}

	private HttpResponse<String> send(int port, HttpRequest.Builder request, @Nullable String header,
			@Nullable String cookie) throws IOException, InterruptedException {
		if (header != null) {
			request.header(HEADER, header);
		}
		if (cookie != null) {
			request.header("Cookie", "sessionid=" + cookie);
		}
		HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("%s", response).isLessThan(500);
		return response;
	}

	private static ConfigurableApplicationContext start(Path sessions, String... more) {
		List<String> properties = new ArrayList<>(List.of("session.engine=file", "session.file.path=" + sessions,
				"server.port=0", "spring.main.banner-mode=off",
				"session.secret-key=reactive-session-header-tests-secret-key-of-fifty-chars!"));
		properties.addAll(List.of(more));
		return new SpringApplicationBuilder(ReactiveApplication.class).web(WebApplicationType.REACTIVE)
			.properties(properties.toArray(String[]::new))
			.run();
	}

	private static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "0"));
	}

	/**
	 * Without {@code session.header-name}, the header means nothing.
	 */
	@Nested
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	class WithoutAConfiguredHeader {

		private ConfigurableApplicationContext withoutHeader;

		@BeforeAll
		void startServer() throws IOException {
			this.withoutHeader = start(Files.createDirectories(sessions.resolve("without-header")));
		}

		@AfterAll
		void stopServer() {
			this.withoutHeader.close();
		}

		@Test
		void theHeaderIsIgnoredAndNeverSent() throws Exception {
			int port = port(this.withoutHeader);
			HttpResponse<String> first = get(port, "/visits", null, null);
			String key = AbstractReactiveSessionTests.sessionCookie(first);
			assertThat(first.headers().allValues(HEADER)).isEmpty();
			assertThat(first.headers().allValues("Vary")).containsExactly("Cookie");
			HttpResponse<String> peek = get(port, "/peek", key, null);
			assertThat(peek.body()).isEqualTo("0");
			assertThat(peek.headers().allValues(HEADER)).isEmpty();
			assertThat(get(port, "/peek", "nosuchsessionkeyxxxxxxxxxxxxxxxx", key).body()).isEqualTo("1");
		}

	}

}
