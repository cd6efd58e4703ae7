package io.sessionengines.demo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Demo API checks for the {@code cache} engine on Redis, on both stacks: one Redis key
 * per live session under the run's key prefix, holding the signed data and living as long
 * as the session. The Redis test class of each stack implements this interface.
 *
 * @author Session Engines contributors
 */
public interface CacheOnRedisChecks extends ServerSideChecks {

	/**
	 * Return the keys under the run's prefix.
	 * @return the keys
	 */
	RedisKeys redisKeys();

	@Test
	default void keyLivesAsLongAsTheSession() {
		String cookie = newSession();
		assertThat(redisKeys().timeToLiveMillis(cookie)).isBetween((DemoApi.DEFAULT_COOKIE_AGE - 10) * 1000,
				DemoApi.DEFAULT_COOKIE_AGE * 1000);
		ops("[{'op':'expiry','value':300}]", cookie).newSessionCookie();
		assertThat(redisKeys().timeToLiveMillis(cookie)).isBetween(290_000L, 300_000L);
	}

	@Test
	default void sessionsAreTheOnlyKeysUnderThePrefix() {
		String first = newSession();
		String second = newSession();
		get("/api/peek", DemoApi.randomKey());
		assertThat(redisKeys().sessionKeys()).containsExactlyInAnyOrder(first, second);
	}

	@Test
	default void expiredSessionIsNotStored() {
		String cookie = ops("[{'op':'set','key':'a','value':1},{'op':'expiry','value':-10}]", null).newSessionCookie();
		assertNotStored(cookie);
		assertThat(redisKeys().sessionKeys()).isEmpty();
	}

}
