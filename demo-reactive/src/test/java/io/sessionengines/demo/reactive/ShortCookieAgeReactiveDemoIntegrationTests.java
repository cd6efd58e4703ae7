package io.sessionengines.demo.reactive;

import java.nio.file.Path;

import io.sessionengines.demo.DemoHttp;
import io.sessionengines.demo.ShortCookieAgeChecks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reactive demo tests with a short {@code session.cookie.age} on every engine
 * ({@link ShortCookieAgeChecks}): a read that leaves the session unmodified sends no
 * cookie and does not extend the session, and an expired session reads as none, its
 * cookie deleted. BlockHound watches the server's non-blocking threads.
 *
 * @author Session Engines contributors
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "session.cookie.age=" + ShortCookieAgeChecks.COOKIE_AGE,
				"spring.datasource.url=jdbc:h2:mem:reactive-short-cookie-age;DB_CLOSE_DELAY=-1" })
class ShortCookieAgeReactiveDemoIntegrationTests {

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
	 * The check, run on each engine.
	 */
	abstract static class Checks implements ShortCookieAgeChecks {

		@LocalServerPort
		private int port;

		@AfterEach
		void nothingBlockedANonBlockingThread() {
			assertThat(BlockingCalls.drain()).as("blocking calls on non-blocking threads").isEmpty();
		}

		@Override
		public DemoHttp http() {
			return new DemoHttp(this.port);
		}

	}

	@Nested
	@TestPropertySource(properties = "session.engine=db")
	class DbEngine extends Checks {

	}

	@Nested
	@TestPropertySource(properties = "session.engine=signed_cookies")
	class SignedCookiesEngine extends Checks {

	}

	@Nested
	@TestPropertySource(properties = "session.engine=file")
	class FileEngine extends Checks {

	}

	@Nested
	@TestPropertySource(properties = { "session.engine=cache", "session.cache-alias=memory" })
	class CacheEngine extends Checks {

	}

	@Nested
	@TestPropertySource(properties = { "session.engine=cached_db", "session.cache-alias=memory" })
	class CachedDbEngine extends Checks {

	}

}
