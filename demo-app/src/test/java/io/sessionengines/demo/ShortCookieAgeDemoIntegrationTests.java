package io.sessionengines.demo;

import java.nio.file.Path;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Demo API tests with a short {@code session.cookie.age}: a session expires that long
 * after its last save, and reading it does not extend it (§6.5 checks 23, 30 and 32), on
 * every engine.
 *
 * @author Session Engines contributors
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "session.cookie.age=" + ShortCookieAgeDemoIntegrationTests.COOKIE_AGE,
				"spring.datasource.url=jdbc:h2:mem:short-cookie-age;DB_CLOSE_DELAY=-1" })
class ShortCookieAgeDemoIntegrationTests {

	static final int COOKIE_AGE = 4;

	@TempDir
	static Path fileDirectory;

	@DynamicPropertySource
	static void sessionDirectory(DynamicPropertyRegistry registry) {
		registry.add("session.file.path", () -> fileDirectory.toString());
	}

	static void sessionExpiresTheCookieAgeAfterItsLastSave(int port) throws InterruptedException {
		DemoHttp http = new DemoHttp(port);
		long start = System.nanoTime();
		Reply first = http.get("/api/visits", null);
		SetCookie cookie = first.sessionCookie();
		assertThat(cookie).as(first.toString()).isNotNull();
		assertThat(cookie.maxAge()).isEqualTo(COOKIE_AGE);
		sleepUntil(start, 1500);
		Reply read = http.get("/api/peek", cookie.value());
		assertThat(read.body()).isEqualTo("1");
		assertThat(read.setCookies()).isEmpty();
		sleepUntil(start, COOKIE_AGE * 1000 + 500);
		Reply expired = http.get("/api/peek", cookie.value());
		assertThat(expired.body()).isEqualTo("0");
		DemoApi.assertDeletionCookie(expired);
	}

	private static void sleepUntil(long start, long millis) throws InterruptedException {
		long remaining = millis - (System.nanoTime() - start) / 1_000_000;
		if (remaining > 0) {
			Thread.sleep(remaining);
		}
	}

	@Nested
	@TestPropertySource(properties = "session.engine=db")
	class DbEngine {

		@LocalServerPort
		private int port;

		@Test
		void sessionExpires() throws InterruptedException {
			sessionExpiresTheCookieAgeAfterItsLastSave(this.port);
		}

	}

	@Nested
	@TestPropertySource(properties = "session.engine=signed_cookies")
	class SignedCookiesEngine {

		@LocalServerPort
		private int port;

		@Test
		void sessionExpires() throws InterruptedException {
			sessionExpiresTheCookieAgeAfterItsLastSave(this.port);
		}

	}

	@Nested
	@TestPropertySource(properties = "session.engine=file")
	class FileEngine {

		@LocalServerPort
		private int port;

		@Test
		void sessionExpires() throws InterruptedException {
			sessionExpiresTheCookieAgeAfterItsLastSave(this.port);
		}

	}

	@Nested
	@TestPropertySource(properties = { "session.engine=cache", "session.cache-alias=memory" })
	class CacheEngine {

		@LocalServerPort
		private int port;

		@Test
		void sessionExpires() throws InterruptedException {
			sessionExpiresTheCookieAgeAfterItsLastSave(this.port);
		}

	}

	@Nested
	@TestPropertySource(properties = { "session.engine=cached_db", "session.cache-alias=memory" })
	class CachedDbEngine {

		@LocalServerPort
		private int port;

		@Test
		void sessionExpires() throws InterruptedException {
			sessionExpiresTheCookieAgeAfterItsLastSave(this.port);
		}

	}

}
