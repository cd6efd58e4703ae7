package io.sessionengines.demo.reactive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;

import io.sessionengines.demo.DemoHttp;
import io.sessionengines.demo.SaveEveryRequestChecks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reactive demo tests with {@code session.save-every-request} on every server-side engine
 * ({@link SaveEveryRequestChecks}): a request that never uses its session must still load
 * and save it, where WebFlux would otherwise open no session and the commit would know
 * that it has nothing to write. BlockHound watches the server's non-blocking threads.
 *
 * @author Session Engines contributors
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "session.save-every-request=true",
		"spring.datasource.url=jdbc:h2:mem:reactive-save-every-request;DB_CLOSE_DELAY=-1" })
class SaveEveryRequestReactiveDemoIntegrationTests {

	@TempDir
	static Path fileDirectory;

	@BeforeAll
	static void installBlockHound() {
		BlockingCalls.install();
	}

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

		@AfterEach
		void nothingBlockedANonBlockingThread() {
			assertThat(BlockingCalls.drain()).as("blocking calls on non-blocking threads").isEmpty();
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
