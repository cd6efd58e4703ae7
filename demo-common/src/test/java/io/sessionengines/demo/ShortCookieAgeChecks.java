package io.sessionengines.demo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Demo API checks with a short {@code session.cookie.age} of {@value #COOKIE_AGE}
 * seconds, on both stacks and every engine: a session expires that long after its last
 * save, and reading it does not extend it (§6.5 checks 23, 30 and 32). A test class per
 * engine implements this interface.
 *
 * @author Session Engines contributors
 */
public interface ShortCookieAgeChecks {

	/**
	 * The cookie age, in seconds, that the implementing tests must configure.
	 */
	int COOKIE_AGE = 4;

	/**
	 * Return the client of the running application.
	 * @return the client
	 */
	DemoHttp http();

	@Test
	default void sessionExpires() throws InterruptedException {
		long start = System.nanoTime();
		Reply first = http().get("/api/visits", null);
		SetCookie cookie = first.sessionCookie();
		assertThat(cookie).as(first.toString()).isNotNull();
		assertThat(cookie.maxAge()).isEqualTo(COOKIE_AGE);
		sleepUntil(start, 1500);
		Reply read = http().get("/api/peek", cookie.value());
		assertThat(read.body()).isEqualTo("1");
		assertThat(read.setCookies()).isEmpty();
		sleepUntil(start, COOKIE_AGE * 1000 + 500);
		Reply expired = http().get("/api/peek", cookie.value());
		assertThat(expired.body()).isEqualTo("0");
		DemoApi.assertDeletionCookie(expired);
	}

	private static void sleepUntil(long start, long millis) throws InterruptedException {
		long remaining = millis - (System.nanoTime() - start) / 1_000_000;
		if (remaining > 0) {
			Thread.sleep(remaining);
		}
	}

}
