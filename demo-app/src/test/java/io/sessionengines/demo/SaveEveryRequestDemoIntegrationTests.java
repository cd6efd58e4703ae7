package io.sessionengines.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Demo API tests with {@code session.save-every-request} on every server-side engine
 * ({@link SaveEveryRequestChecks}, which the reactive demo passes too): every live
 * session is saved again, and a bogus cookie is deleted rather than turned into a new
 * empty session (Django's defect, §6.5 checks 34 to 36).
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
	abstract static class Checks implements SaveEveryRequestChecks {

		@LocalServerPort
		private int port;

		private DemoHttp http;

		@BeforeEach
		void createClient() {
			this.http = new DemoHttp(this.port);
		}

		@Override
		public DemoHttp http() {
			return this.http;
		}

	}

	@Nested
	@TestPropertySource(properties = "session.engine=db")
	class DbEngine extends Checks {

		@Autowired
		private JdbcTemplate jdbc;

		@Override
		public OptionalLong storedSessions() {
			Long rows = this.jdbc.queryForObject("select count(*) from django_session", Long.class);
			return OptionalLong.of((rows != null) ? rows : 0);
		}

	}

	@Nested
	@TestPropertySource(properties = "session.engine=file")
	class FileEngine extends Checks {

		@Override
		public OptionalLong storedSessions() {
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
		public OptionalLong storedSessions() {
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
		public OptionalLong storedSessions() {
			Long rows = this.jdbc.queryForObject("select count(*) from cached_db_session", Long.class);
			return OptionalLong.of((rows != null) ? rows : 0);
		}

	}

}
