package io.sessionengines.demo.reactive;

import java.nio.file.Path;

import javax.sql.DataSource;

import io.sessionengines.demo.DemoHttp;
import io.sessionengines.demo.Reply;
import io.sessionengines.django.DjangoPasswordEncoder;
import io.sessionengines.django.DjangoSecurityContextAttribute;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.securedapp.reactive.ReactiveSecuredApplication;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ReactiveSecuredApplication} with Django's users
 * ({@code session.django.auth.enabled}, the login bridge) and Spring Security's stock
 * form login, whose {@code WebSessionServerSecurityContextRepository} stores a login on
 * the event loop: the login is written as Django's, Django's rules for a login hold, and
 * nothing blocks a non-blocking thread, on every engine. BlockHound counts a database
 * connection taken on such a thread as a blocking call, which a query of Django's user
 * table on the event loop would be even on an in-memory database.
 *
 * @author Session Engines contributors
 */
@SpringBootTest(classes = ReactiveSecuredApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"spring.config.name=reactivesecuredapp", "securedapp.django-users=true", "session.django.auth.enabled=true" })
class ReactiveSecuredApplicationWithDjangoUsersIntegrationTests {

	private static final String PASSWORD = "through-the-looking-glass";

	// few iterations: the tests log in often, and the hash's own count is what is checked
	private static final String PASSWORD_HASH = new DjangoPasswordEncoder(1_000).encode(PASSWORD);

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
		private DataSource dataSource;

		private JdbcTemplate jdbc;

		@BeforeEach
		void djangoUsers() {
			this.jdbc = new JdbcTemplate(this.dataSource);
			this.jdbc.execute("CREATE TABLE IF NOT EXISTS auth_user (id INTEGER NOT NULL PRIMARY KEY, "
					+ "password VARCHAR(128) NOT NULL, last_login TIMESTAMP WITH TIME ZONE, "
					+ "is_superuser BOOLEAN NOT NULL, username VARCHAR(150) NOT NULL UNIQUE, "
					+ "first_name VARCHAR(150) NOT NULL, last_name VARCHAR(150) NOT NULL, email VARCHAR(254) NOT NULL, "
					+ "is_staff BOOLEAN NOT NULL, is_active BOOLEAN NOT NULL, date_joined TIMESTAMP WITH TIME ZONE NOT NULL)");
			this.jdbc.execute("CREATE TABLE IF NOT EXISTS auth_group (id INTEGER NOT NULL PRIMARY KEY, "
					+ "name VARCHAR(150) NOT NULL)");
			this.jdbc.execute("CREATE TABLE IF NOT EXISTS auth_user_groups (id BIGINT NOT NULL PRIMARY KEY, "
					+ "user_id INTEGER NOT NULL, group_id INTEGER NOT NULL)");
			this.jdbc.update("DELETE FROM auth_user");
			for (String user : new String[] { "alice", "bob" }) {
				this.jdbc.update("INSERT INTO auth_user (id, password, is_superuser, username, first_name, last_name, "
						+ "email, is_staff, is_active, date_joined) VALUES (?, ?, FALSE, ?, '', '', '', FALSE, TRUE, "
						+ "CURRENT_TIMESTAMP)", user.equals("alice") ? 1 : 2, PASSWORD_HASH, user);
			}
		}

		@AfterEach
		void nothingBlockedANonBlockingThread() {
			assertThat(BlockingCalls.drain()).as("blocking calls on non-blocking threads").isEmpty();
		}

		@Test
		void aFormLoginOfADjangoUserIsStoredAsDjangosLogin() {
			assertDjangoLogin(logIn(null, "alice"));
		}

		@Test
		void aLoginAsTheSameUserKeepsTheSessionsData() {
			String cookie = addToCart(logIn(null, "alice"), 1);
			String again = logIn(cookie, "alice");
			assertThat(again).isNotEqualTo(cookie);
			addToCart(again, 2);
			assertLoggedInAs(again, "alice");
		}

		@Test
		void aLoginAsAnotherUserStartsFromAnEmptySession() {
			String alice = addToCart(logIn(null, "alice"), 1);
			String bob = logIn(alice, "bob");
			assertThat(this.engine.load(bob)).as("bob's session")
				.containsEntry(DjangoSecurityContextAttribute.USER_ID_KEY, "2")
				.doesNotContainKey("items");
			assertLoggedInAs(bob, "bob");
			addToCart(bob, 1);
			if (!this.engine.isKeyPayload()) {
				assertThat(this.engine.load(alice)).as("alice's session").isNull();
			}
		}

		@Test
		void aLoginOfADjangoUserStoredOnANonBlockingThreadQueriesNothing() {
			assertDjangoLogin(singleSignOn(null, "alice"));
		}

		@Test
		void aLoginOfAnotherUserStoredOnANonBlockingThreadStartsAfreshWithoutBlocking() {
			String alice = addToCart(logIn(null, "alice"), 1);
			String sso = singleSignOn(alice, "sso-carol");
			assertThat(this.engine.load(sso)).as("the single sign-on session")
				.containsKey("SPRING_SECURITY_CONTEXT")
				.doesNotContainKeys(DjangoSecurityContextAttribute.USER_ID_KEY, "items");
			assertLoggedInAs(sso, "sso-carol");
			if (!this.engine.isKeyPayload()) {
				assertThat(this.engine.load(alice)).as("alice's session").isNull();
			}
		}

		@Test
		void aPasswordChangedInDjangoLogsTheSessionOut() {
			String cookie = logIn(null, "alice");
			this.jdbc.update("UPDATE auth_user SET password = ? WHERE username = 'alice'",
					new DjangoPasswordEncoder(1_000).encode("a-new-password"));
			Reply hello = new DemoHttp(this.port).get("/hello", cookie);
			assertThat(hello.status()).as(hello.toString()).isEqualTo(401);
		}

		private String logIn(@Nullable String cookie, String user) {
			return StockFormLogin.logIn(new DemoHttp(this.port), cookie, user, PASSWORD);
		}

		private String singleSignOn(@Nullable String cookie, String user) {
			Reply login = new DemoHttp(this.port).postForm("/sso-login?user=" + user, "", cookie);
			assertThat(login.status()).as(login.toString()).isEqualTo(302);
			assertThat(login.location()).as(login.toString()).endsWith("/hello");
			return login.newSessionCookie();
		}

		/**
		 * Add an item to the session's cart, check that it then holds the given count,
		 * and return the session cookie after the request.
		 */
		private String addToCart(String cookie, int count) {
			Reply cart = new DemoHttp(this.port).get("/cart", cookie);
			assertThat(cart.status()).as(cart.toString()).isEqualTo(200);
			assertThat(cart.body()).as(cart.toString()).isEqualTo(String.valueOf(count));
			return (cart.sessionCookie() != null) ? cart.newSessionCookie() : cookie;
		}

		/**
		 * Assert that a session holds alice's login as Django's, and no Spring Security
		 * context.
		 */
		private void assertDjangoLogin(String cookie) {
			assertThat(this.engine.load(cookie)).as("the session after the login")
				.containsEntry(DjangoSecurityContextAttribute.USER_ID_KEY, "1")
				.containsKey(DjangoSecurityContextAttribute.HASH_KEY)
				.doesNotContainKey("SPRING_SECURITY_CONTEXT");
			assertLoggedInAs(cookie, "alice");
		}

		private void assertLoggedInAs(String cookie, String user) {
			Reply hello = new DemoHttp(this.port).get("/hello", cookie);
			assertThat(hello.status()).as(hello.toString()).isEqualTo(200);
			assertThat(hello.body()).isEqualTo("hello " + user);
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
