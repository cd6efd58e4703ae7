package io.sessionengines.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;

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
 * Demo API tests with {@code session.save-every-request} on every server-side engine:
 * every live session is saved again, and a bogus cookie is deleted rather than turned
 * into a new empty session (Django's defect, §6.5 checks 34 to 36).
 *
 * @author Session Engines contributors
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "session.save-every-request=true",
		"spring.datasource.url=jdbc:h2:mem:save-every-request;DB_CLOSE_DELAY=-1" })
class SaveEveryRequestDemoIntegrationTests {

	@TempDir
	static Path fileDirectory;

	@DynamicPropertySource
	static void sessionDirectory(DynamicPropertyRegistry registry) {
		registry.add("session.file.path", () -> fileDirectory.toString());
	}

	/**
	 * The checks, run on each engine.
	 */
	abstract static class Checks {

		@LocalServerPort
		private int port;

		private DemoHttp http;

		@BeforeEach
		void createClient() {
			this.http = new DemoHttp(this.port);
		}

		/**
		 * Return how many sessions the store holds, when it can tell.
		 * @return the number of stored sessions, or empty for a store that cannot count
		 */
		abstract OptionalLong storedSessions();

		@Test
		void liveSessionIsSavedEvenWhenNotUsed() {
			String cookie = this.http.get("/api/visits", null).newSessionCookie();
			Reply reply = this.http.get("/api/hello", cookie);
			assertThat(reply.body()).isEqualTo("ok");
			SetCookie resent = reply.sessionCookie();
			assertThat(resent).as(reply.toString()).isNotNull();
			assertThat(resent.value()).isEqualTo(cookie);
			assertThat(resent.maxAge()).isEqualTo(DemoApi.DEFAULT_COOKIE_AGE);
			assertThat(reply.variesOnCookie()).isTrue();
			assertThat(this.http.get("/api/peek", cookie).body()).isEqualTo("1");
		}

		@Test
		void requestWithoutCookieGetsNoCookie() {
			Reply reply = this.http.get("/api/hello", null);
			assertThat(reply.setCookies()).isEmpty();
		}

		@Test
		void bogusCookieIsDeletedAndNoEmptySessionIsCreated() {
			OptionalLong before = storedSessions();
			Reply reply = this.http.get("/api/hello", DemoApi.randomKey());
			assertThat(reply.body()).isEqualTo("ok");
			DemoApi.assertDeletionCookie(reply);
			assertThat(storedSessions()).isEqualTo(before);
		}

	}

	@Nested
	@TestPropertySource(properties = "session.engine=db")
	class DbEngine extends Checks {

		@Autowired
		private JdbcTemplate jdbc;

		@Override
		OptionalLong storedSessions() {
			Long rows = this.jdbc.queryForObject("select count(*) from django_session", Long.class);
			return OptionalLong.of((rows != null) ? rows : 0);
		}

	}

	@Nested
	@TestPropertySource(properties = "session.engine=file")
	class FileEngine extends Checks {

		@Override
		OptionalLong storedSessions() {
			try (Stream<Path> files = Files.list(fileDirectory)) {
				return OptionalLong.of(files.count());
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	@Nested
	@TestPropertySource(properties = { "session.engine=cache", "session.cache-alias=memory" })
	class CacheEngine extends Checks {

		@Override
		OptionalLong storedSessions() {
			// the in-process cache cannot count; the deletion cookie shows no session was
			// made
			return OptionalLong.empty();
		}

	}

	@Nested
	@TestPropertySource(properties = { "session.engine=cached_db", "session.cache-alias=memory",
			"session.db.table=cached_db_session" })
	class CachedDbEngine extends Checks {

		@Autowired
		private JdbcTemplate jdbc;

		@Override
		OptionalLong storedSessions() {
			Long rows = this.jdbc.queryForObject("select count(*) from cached_db_session", Long.class);
			return OptionalLong.of((rows != null) ? rows : 0);
		}

	}

}
