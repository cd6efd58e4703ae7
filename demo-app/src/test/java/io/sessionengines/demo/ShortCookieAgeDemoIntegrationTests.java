package io.sessionengines.demo;

import java.nio.file.Path;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Demo API tests with a short {@code session.cookie.age}: a session expires that long
 * after its last save, and reading it does not extend it (§6.5 checks 23, 30 and 32), on
 * every engine ({@link ShortCookieAgeChecks}, which the reactive demo passes too).
 *
 * @author Session Engines contributors
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "session.cookie.age=" + ShortCookieAgeChecks.COOKIE_AGE,
				"spring.datasource.url=jdbc:h2:mem:short-cookie-age;DB_CLOSE_DELAY=-1" })
class ShortCookieAgeDemoIntegrationTests {

	@TempDir
	static Path fileDirectory;

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
