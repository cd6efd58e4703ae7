package io.sessionengines.demo.reactive;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.sessionengines.autoconfigure.SessionEngineProperties;
import io.sessionengines.demo.DemoHttp;
import io.sessionengines.demo.Reply;
import io.sessionengines.demo.SetCookie;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.securedapp.reactive.ReactiveSecuredApplication;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
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
 * HTTP tests of {@link ReactiveSecuredApplication}, an ordinary secured WebFlux
 * application (every exchange authenticated, stock form login and HTTP Basic, Boot's
 * reactive error handling and Boot's own reactive session settings), on every engine:
 * what a user of stock Spring Boot expects keeps working with the starter. Every reply is
 * also checked for WebFlux's own session cookie ({@code SESSION}), and BlockHound watches
 * the non-blocking threads.
 *
 * @author Session Engines contributors
 */
@SpringBootTest(classes = ReactiveSecuredApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.config.name=reactivesecuredapp")
class ReactiveSecuredApplicationIntegrationTests {

	@TempDir
	static Path fileDirectory;

	@DynamicPropertySource
	static void sessionDirectory(DynamicPropertyRegistry registry) {
		registry.add("session.file.path", () -> fileDirectory.toString());
	}

	@BeforeAll
	static void installBlockHound() {
		BlockingCalls.install();
	}

	abstract class Checks {

		@LocalServerPort
		private int port;

		@Autowired
		private SessionEngine engine;

		@Autowired
		private SessionEngineProperties properties;

		@AfterEach
		void nothingBlockedANonBlockingThread() {
			assertThat(BlockingCalls.drain()).as("blocking calls on non-blocking threads").isEmpty();
		}

		private Reply get(String path, @Nullable String cookie) {
			return checked(new DemoHttp(this.port).get(path, cookie));
		}

		private Reply postForm(String path, String form, @Nullable String cookie) {
			return checked(new DemoHttp(this.port).postForm(path, form, cookie));
		}

		private static Reply checked(Reply reply) {
			assertThat(reply.status()).as(reply.toString()).isLessThan(500);
			assertThat(reply.setCookies()).as(reply.toString()).noneMatch((cookie) -> cookie.name().equals("SESSION"));
			return reply;
		}

		@Test
		void anonymousApiClientIsChallengedAndNoSessionIsStored() {
			for (String path : new String[] { "/hello", "/missing", "/cart", "/boom" }) {
				Reply reply = get(path, null);
				assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
				assertThat(reply.headers("WWW-Authenticate")).as(reply.toString())
					.anyMatch((h) -> h.startsWith("Basic"));
				assertThat(reply.setCookies()).as(reply.toString()).isEmpty();
			}
		}

		@Test
		void loginThroughTheStockFormChangesTheKeyAndUsesBootsCookieSettings() {
			Reply page = loginPage();
			SetCookie anonymous = page.sessionCookie();
			assertThat(anonymous).as("the login page stores its CSRF token in a session: %s", page).isNotNull();
			String cookie = formLogin(page);
			assertThat(cookie).isNotEqualTo(anonymous.value());
			if (!this.engine.isKeyPayload()) {
				assertThat(this.engine.load(anonymous.value())).as("the anonymous session's key").isNull();
			}
			assertLoggedIn(cookie);
		}

		@Test
		void loginWithoutTheCsrfTokenIsRefusedAndStoresNoLogin() {
			Reply page = loginPage();
			SetCookie pageCookie = page.sessionCookie();
			Reply login = postForm("/login", DemoHttp.form("username", ReactiveSecuredApplication.USER, "password",
					ReactiveSecuredApplication.PASSWORD), (pageCookie != null) ? pageCookie.value() : null);
			assertThat(login.status()).as(login.toString()).isEqualTo(403);
			String cookie = (login.sessionCookie() != null) ? login.newSessionCookie()
					: (pageCookie != null) ? pageCookie.value() : null;
			assertThat(get("/hello", cookie).status()).isEqualTo(401);
		}

		@Test
		void loggedInUserOnAMissingPageGets404AndStaysLoggedIn() {
			String cookie = login();
			Reply missing = get("/missing", cookie);
			assertThat(missing.status()).as(missing.toString()).isEqualTo(404);
			assertThat(missing.headers("WWW-Authenticate")).as(missing.toString()).isEmpty();
			assertThat(missing.location()).as(missing.toString()).isNull();
			assertThat(missing.body()).contains("Not Found");
			assertLoggedIn(cookie);
		}

		@Test
		void controllerThatThrowsAnswersBootsErrorAndKeepsTheLogin() {
			String cookie = login();
			Reply boom = new DemoHttp(this.port).get("/boom", cookie);
			assertThat(boom.status()).as(boom.toString()).isEqualTo(500);
			assertThat(boom.headers("WWW-Authenticate")).as(boom.toString()).isEmpty();
			assertThat(boom.body()).contains("Internal Server Error").doesNotContain("at io.sessionengines");
			assertThat(boom.setCookies()).as(boom.toString()).noneMatch(SetCookie::isDeletion);
			assertLoggedIn(cookie);
		}

		@Test
		void webSessionAttributesLiveInTheEnginesSession() {
			String cookie = login();
			Reply first = get("/cart", cookie);
			assertThat(first.body()).as(first.toString()).isEqualTo("1");
			String next = (first.sessionCookie() != null) ? first.newSessionCookie() : cookie;
			Reply second = get("/cart", next);
			assertThat(second.body()).as(second.toString()).isEqualTo("2");
			String last = (second.sessionCookie() != null) ? second.newSessionCookie() : next;
			Map<String, @Nullable Object> stored = this.engine.load(last);
			assertThat(stored).as("the engine's session").isNotNull().containsEntry("items", 2);
		}

		@Test
		void bootsReactiveSessionTimeoutIsTheIdleTimeout() {
			assertThat(this.properties.getIdleTimeout()).isEqualTo(Duration.ofMinutes(45));
		}

		@Test
		void logoutEndsTheLoginUnderEveryKeyTheSessionHad() {
			String cookie = login();
			Reply cart = get("/cart", cookie);
			String withCart = (cart.sessionCookie() != null) ? cart.newSessionCookie() : cookie;
			Reply page = get("/logout", withCart);
			assertThat(page.status()).as(page.toString()).isEqualTo(200);
			String withToken = (page.sessionCookie() != null) ? page.newSessionCookie() : withCart;
			Reply logout = postForm("/logout", DemoHttp.form("_csrf", StockFormLogin.csrfToken(page)), withToken);
			assertThat(logout.status()).as(logout.toString()).isEqualTo(302);
			assertThat(logout.location()).as(logout.toString()).endsWith("/login?logout");
			// stock WebFlux logout removes the login and moves the session to a new key
			// (SecurityContextServerLogoutHandler); it does not flush the session's other
			// data unless the application adds WebSessionServerLogoutHandler
			SetCookie after = logout.sessionCookie();
			assertThat(after).as(logout.toString()).isNotNull();
			if (!after.isDeletion()) {
				assertThat(after.value()).isNotEqualTo(withToken);
				assertThat(this.engine.load(after.value())).as("the session after the logout")
					.doesNotContainKey("SPRING_SECURITY_CONTEXT");
				assertThat(get("/hello", after.value()).status()).isEqualTo(401);
			}
			if (!this.engine.isKeyPayload()) {
				assertThat(this.engine.load(withToken)).as("the logged-in session's key").isNull();
			}
			assertThat(get("/hello", withToken).status()).as("the logged-in session's cookie, replayed").isEqualTo(401);
			assertThat(get("/hello", cookie).status()).as("the login's cookie, replayed").isEqualTo(401);
		}

		private void assertLoggedIn(String cookie) {
			Reply hello = get("/hello", cookie);
			assertThat(hello.status()).as(hello.toString()).isEqualTo(200);
			assertThat(hello.body()).isEqualTo("hello " + ReactiveSecuredApplication.USER);
		}

		private Reply loginPage() {
			return checked(StockFormLogin.page(new DemoHttp(this.port), null));
		}

		private String login() {
			return formLogin(loginPage());
		}

		private String formLogin(Reply page) {
			Reply login = checked(StockFormLogin.post(new DemoHttp(this.port), page, null,
					ReactiveSecuredApplication.USER, ReactiveSecuredApplication.PASSWORD));
			assertThat(login.status()).as(login.toString()).isEqualTo(302);
			assertThat(login.location()).as(login.toString()).doesNotContain("error");
			SetCookie cookie = login.sessionCookie();
			assertThat(cookie).as(login.toString()).isNotNull();
			// server.reactive.session.cookie.* of reactivesecuredapp.properties
			assertThat(cookie.has("Secure")).as(cookie.header()).isTrue();
			assertThat(cookie.attribute("SameSite")).as(cookie.header()).isEqualTo("Strict");
			return login.newSessionCookie();
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
