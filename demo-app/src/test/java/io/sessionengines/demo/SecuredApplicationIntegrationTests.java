package io.sessionengines.demo;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.sessionengines.securedapp.SecuredApplication;
import io.sessionengines.securedapp.SecuredApplication.SessionEventLog;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP tests of {@link SecuredApplication}, an ordinary secured application (everything
 * authenticated, stock form login, Boot's error handling and Boot's own session cookie
 * settings), on every engine: what a user of stock Spring Boot expects keeps working with
 * the starter. Every reply is also checked for the container's own session
 * ({@code JSESSIONID}).
 *
 * @author Session Engines contributors
 */
@SpringBootTest(classes = SecuredApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.config.name=securedapp")
class SecuredApplicationIntegrationTests {

	private static final Pattern CSRF_VALUE = Pattern.compile(
			"<input[^>]*\\bname=\"_csrf\"[^>]*\\bvalue=\"([^\"]+)\"|<input[^>]*\\bvalue=\"([^\"]+)\"[^>]*\\bname=\"_csrf\"");

	@TempDir
	static Path fileDirectory;

	@DynamicPropertySource
	static void sessionDirectory(DynamicPropertyRegistry registry) {
		registry.add("session.file.path", () -> fileDirectory.toString());
	}

	/**
	 * Log in through the stock login form, as a browser does.
	 * @param http the application's client
	 * @return the session cookie of the logged-in session
	 */
	static String formLogin(DemoHttp http) {
		Reply login = submitLoginForm(http, loginPage(http)).join();
		assertThat(login.status()).as(login.toString()).isEqualTo(302);
		assertThat(login.location()).as(login.toString()).doesNotContain("error");
		SetCookie cookie = login.sessionCookie();
		assertThat(cookie).as(login.toString()).isNotNull();
		// server.servlet.session.cookie.* of securedapp.properties
		assertThat(cookie.has("Secure")).as(cookie.header()).isTrue();
		assertThat(cookie.attribute("SameSite")).as(cookie.header()).isEqualTo("Strict");
		return login.newSessionCookie();
	}

	/**
	 * Open the stock login page, as a browser does before it submits the form.
	 * @param http the application's client
	 * @return the page
	 */
	static Reply loginPage(DemoHttp http) {
		Reply page = http.get("/login", null);
		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		return page;
	}

	/**
	 * Submit the login form of a login page, without waiting for the reply.
	 * @param http the application's client
	 * @param page the login page
	 * @return the reply, when it comes
	 */
	static CompletableFuture<Reply> submitLoginForm(DemoHttp http, Reply page) {
		Matcher csrf = CSRF_VALUE.matcher(page.body());
		assertThat(csrf.find()).as("a _csrf input in %s", page.body()).isTrue();
		String token = (csrf.group(1) != null) ? csrf.group(1) : csrf.group(2);
		SetCookie pageCookie = page.sessionCookie();
		return http.postFormAsync("/login", DemoHttp.form("username", SecuredApplication.USER, "password",
				SecuredApplication.PASSWORD, "_csrf", token), (pageCookie != null) ? pageCookie.value() : null);
	}

	abstract class Checks {

		@LocalServerPort
		private int port;

		private DemoHttp http() {
			return new DemoHttp(this.port);
		}

		@Test
		void anonymousApiClientIsChallenged() {
			// Spring Security's choice for a client that does not ask for HTML
			for (String path : new String[] { "/hello", "/missing" }) {
				Reply reply = http().get(path, null);
				assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
				assertThat(reply.headers("WWW-Authenticate")).as(reply.toString())
					.anyMatch((h) -> h.startsWith("Basic"));
			}
		}

		@Test
		void loggedInUserOnAMissingPageGets404AndStaysLoggedIn() {
			String cookie = login();
			Reply missing = http().get("/missing", cookie);
			assertThat(missing.status()).as(missing.toString()).isEqualTo(404);
			assertThat(missing.headers("WWW-Authenticate")).as(missing.toString()).isEmpty();
			assertThat(missing.location()).as(missing.toString()).isNull();
			assertThat(missing.body()).contains("Not Found");
			assertLoggedIn(cookie);
		}

		@Test
		void aForwardSeesTheLogin() {
			String cookie = login();
			Reply forwarded = http().get("/forwarded", cookie);
			assertThat(forwarded.status()).as(forwarded.toString()).isEqualTo(200);
			assertThat(forwarded.body()).isEqualTo("hello " + SecuredApplication.USER);
		}

		@Test
		void controllerThatThrowsAnswersBootsErrorAndKeepsTheLogin() {
			String cookie = login();
			Reply boom = http().get("/boom", cookie);
			assertThat(boom.status()).as(boom.toString()).isEqualTo(500);
			assertThat(boom.headers("WWW-Authenticate")).as(boom.toString()).isEmpty();
			assertThat(boom.body()).contains("Internal Server Error").doesNotContain("at io.sessionengines");
			assertLoggedIn(cookie);
		}

		@Test
		void httpSessionAttributesLiveInTheSession() {
			String cookie = login();
			Reply first = http().get("/cart", cookie);
			assertThat(first.body()).as(first.toString()).isEqualTo("1");
			String next = (first.sessionCookie() != null) ? first.newSessionCookie() : cookie;
			assertThat(http().get("/cart", next).body()).isEqualTo("2");
		}

		@Test
		void javaValuesOfTheApplicationLiveInTheSession() {
			String cookie = login();
			Reply first = http().get("/first-visit", cookie);
			assertThat(first.status()).as(first.toString()).isEqualTo(200);
			assertThat(first.body()).startsWith("Visit[day=").endsWith(", channel=web]");
			String next = (first.sessionCookie() != null) ? first.newSessionCookie() : cookie;
			assertThat(http().get("/first-visit", next).body()).isEqualTo(first.body());
		}

		private void assertLoggedIn(String cookie) {
			Reply hello = http().get("/hello", cookie);
			assertThat(hello.status()).as(hello.toString()).isEqualTo(200);
			assertThat(hello.body()).isEqualTo("hello " + SecuredApplication.USER);
		}

		@Autowired
		private SessionEventLog sessionEvents;

		@Test
		void springSecuritysSessionEventsTellEachCreationAndLogoutOnce() {
			this.sessionEvents.take();
			String cookie = login();
			// the login page's anonymous session (its CSRF token) was created; the login
			// moved it to a new key, which creates nothing
			assertThat(this.sessionEvents.take()).containsExactly("created");
			Reply page = http().get("/logout", cookie);
			assertThat(page.status()).as(page.toString()).isEqualTo(200);
			Matcher csrf = CSRF_VALUE.matcher(page.body());
			assertThat(csrf.find()).as("a _csrf input in %s", page.body()).isTrue();
			String token = (csrf.group(1) != null) ? csrf.group(1) : csrf.group(2);
			// a signed cookie changes when the page stores its CSRF token
			String withToken = (page.sessionCookie() != null) ? page.newSessionCookie() : cookie;
			Reply logout = http().postForm("/logout", DemoHttp.form("_csrf", token), withToken);
			// Spring Security answers 204 to a client that does not ask for HTML
			assertThat(logout.status()).as(logout.toString()).isEqualTo(204);
			assertThat(this.sessionEvents.take()).containsExactly("destroyed [" + SecuredApplication.USER + "]");
			assertThat(http().get("/hello", withToken).status()).isEqualTo(401);
			assertThat(http().get("/hello", cookie).status()).isEqualTo(401);
			// each refused request stores what it asked for in a new session; nothing is
			// destroyed twice
			assertThat(this.sessionEvents.take()).containsOnly("created");
		}

		private String login() {
			return formLogin(http());
		}

	}

	@Nested
	@TestPropertySource(properties = "session.engine=db")
	class DbEngine extends Checks {

	}

	@Nested
	@TestPropertySource(properties = "session.engine=file")
	class FileEngine extends Checks {

	}

	@Nested
	@TestPropertySource(properties = "session.engine=cache")
	class CacheEngine extends Checks {

	}

	@Nested
	@TestPropertySource(properties = "session.engine=cached_db")
	class CachedDbEngine extends Checks {

	}

	@Nested
	@TestPropertySource(properties = "session.engine=signed_cookies")
	class SignedCookiesEngine extends Checks {

	}

}
