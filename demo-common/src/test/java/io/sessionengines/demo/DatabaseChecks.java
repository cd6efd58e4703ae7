package io.sessionengines.demo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Demo API checks for the engines whose sessions live in a database table ({@code db} and
 * {@code cached_db}), on H2, PostgreSQL or MariaDB: each session's row expires when the
 * session does, and an expired row is never served. The test class of such an engine
 * implements this interface to run them.
 *
 * @author Session Engines contributors
 */
public interface DatabaseChecks extends DemoApiChecks, SessionTableAccess {

	@Test
	default void rowExpiresTheCookieAgeAfterTheLastSave() {
		long age = DemoApi.DEFAULT_COOKIE_AGE;
		Instant before = Instant.now();
		String cookie = newSession();
		Instant after = Instant.now();
		assertThat(sessionTable().expireDate(cookie)).isBetween(before.plusSeconds(age).minusMillis(1),
				after.plusSeconds(age).plusMillis(1));
	}

	@Test
	default void rowExpiresAtTheCustomExpiry() {
		Instant before = Instant.now();
		String cookie = ops("[{'op':'set','key':'a','value':1},{'op':'expiry','value':300}]", null).newSessionCookie();
		Instant after = Instant.now();
		assertThat(sessionTable().expireDate(cookie)).isBetween(before.plusSeconds(300).minusMillis(1),
				after.plusSeconds(300).plusMillis(1));
		Instant date = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS).plusNanos(123_000);
		ops("[{'op':'expiry','value':'" + date + "'}]", cookie).newSessionCookie();
		assertThat(sessionTable().expireDate(cookie)).isEqualTo(date);
	}

	@Test
	default void expiredRowIsKeptUntilThePurgeButNeverServed() {
		String cookie = ops("[{'op':'set','key':'a','value':1},{'op':'expiry','value':-10}]", null).newSessionCookie();
		assertThat(sessionTable().expireDate(cookie)).isCloseTo(Instant.now().minusSeconds(10),
				within(5, ChronoUnit.SECONDS));
		assertThat(get("/api/session", cookie).json()).isEqualTo(Reply.json("{}"));
	}

}
