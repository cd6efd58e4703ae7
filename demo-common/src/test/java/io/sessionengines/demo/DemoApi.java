package io.sessionengines.demo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the black-box tests of both demos know of the demo API beyond its client: Django's
 * default cookie age, how tests write JSON, random session keys, and how a deletion or an
 * expired session cookie looks.
 *
 * @author Session Engines contributors
 */
public final class DemoApi {

	/**
	 * Django's default {@code SESSION_COOKIE_AGE}, two weeks in seconds.
	 */
	public static final long DEFAULT_COOKIE_AGE = 1209600;

	/**
	 * The latest expiry every store and cookie can carry.
	 */
	public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

	private static final String KEY_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789";

	private DemoApi() {
	}

	/**
	 * Return JSON written with {@code '} for {@code "}, which reads better in Java
	 * strings.
	 * @param json the JSON quoted with {@code '}
	 * @return the JSON quoted with {@code "}
	 */
	public static String quotes(String json) {
		return json.replace('\'', '"');
	}

	/**
	 * Return a session key in Django's format that no session has.
	 * @return 32 random lower-case letters and digits
	 */
	public static String randomKey() {
		StringBuilder key = new StringBuilder();
		for (int i = 0; i < 32; i++) {
			key.append(KEY_CHARACTERS.charAt(ThreadLocalRandom.current().nextInt(KEY_CHARACTERS.length())));
		}
		return key.toString();
	}

	/**
	 * Assert that a reply deletes the session cookie as Django does.
	 * @param reply the reply
	 */
	public static void assertDeletionCookie(Reply reply) {
		SetCookie cookie = reply.sessionCookie();
		assertThat(cookie).as("deletion cookie in %s", reply).isNotNull();
		assertThat(cookie.value()).as(cookie.header()).isEmpty();
		assertThat(cookie.maxAge()).as(cookie.header()).isZero();
		assertThat(cookie.expires()).as(cookie.header()).isBefore(Instant.now());
		assertThat(cookie.attribute("Path")).as(cookie.header()).isEqualTo("/");
		assertThat(cookie.attribute("SameSite")).as(cookie.header()).isEqualTo("Lax");
		assertThat(reply.variesOnCookie()).as(reply.toString()).isTrue();
	}

	/**
	 * Assert that a cookie is already expired, so browsers drop it. Django sends a
	 * negative {@code Max-Age}; RFC 6265 treats it as {@code 0}, which the starter sends.
	 * @param cookie the cookie
	 */
	public static void assertExpiredCookie(SetCookie cookie) {
		assertThat(cookie.value()).as(cookie.header()).isNotEmpty();
		assertThat(cookie.maxAge()).as(cookie.header()).isNotNull().isLessThanOrEqualTo(0);
		assertThat(cookie.expires()).as(cookie.header()).isNotNull().isBefore(Instant.now());
	}

	/**
	 * Assert that a cookie expires a number of seconds after it was set.
	 * @param cookie the cookie
	 * @param before an instant before the request that set it
	 * @param after an instant after the reply
	 * @param seconds the cookie's expected lifetime
	 */
	public static void assertExpires(SetCookie cookie, Instant before, Instant after, long seconds) {
		Instant expires = cookie.expires();
		assertThat(expires).as(cookie.header()).isNotNull();
		assertThat(expires).as(cookie.header())
			.isBetween(before.plusSeconds(seconds - 2).truncatedTo(ChronoUnit.SECONDS), after.plusSeconds(seconds + 2));
	}

}
