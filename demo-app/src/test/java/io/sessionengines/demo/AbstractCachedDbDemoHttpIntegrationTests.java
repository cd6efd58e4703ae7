package io.sessionengines.demo;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Demo API tests for the {@code cached_db} engine: the table is the truth, and the cache
 * holds a copy of a row's signed data, never anything else.
 *
 * @author Session Engines contributors
 */
abstract class AbstractCachedDbDemoHttpIntegrationTests extends AbstractDatabaseDemoHttpIntegrationTests {

	/**
	 * Return the cached copy of a session, read straight from the cache.
	 * @param key the session key
	 * @return the cached data, or {@code null}
	 */
	abstract @Nullable String cached(String key);

	/**
	 * Remove a session's cached copy, straight from the cache.
	 * @param key the session key
	 */
	abstract void evict(String key);

	/**
	 * Return the session's row, asserting that the cache holds the same data or nothing.
	 */
	@Override
	@Nullable String stored(String key) {
		String row = row(key);
		String cached = cached(key);
		if (row == null) {
			assertThat(cached).as("cached copy of %s, which has no row", key).isNull();
		}
		else if (cached != null) {
			assertThat(cached).as("cached copy of %s", key).isEqualTo(row);
		}
		return row;
	}

	@Test
	void writeCachesACopyOfTheRow() {
		String cookie = newSession();
		String row = row(cookie);
		assertThat(row).isNotNull();
		assertThat(cached(cookie)).isEqualTo(row);
		String updated = get("/api/visits", cookie).newSessionCookie();
		assertThat(updated).isEqualTo(cookie);
		assertThat(row(cookie)).isNotEqualTo(row);
		assertThat(cached(cookie)).isEqualTo(row(cookie));
	}

	@Test
	void readWithoutACachedCopyFallsBackToTheRowAndCachesIt() {
		String cookie = newSession();
		evict(cookie);
		assertThat(cached(cookie)).isNull();
		Reply reply = get("/api/peek", cookie);
		assertThat(reply.body()).isEqualTo("1");
		assertThat(reply.setCookies()).isEmpty();
		assertThat(cached(cookie)).isNotNull().isEqualTo(row(cookie));
	}

	@Test
	void readIsServedFromTheCachedCopy() {
		String cookie = newSession();
		assertThat(jdbc().update("delete from " + table() + " where session_key = ?", cookie)).isOne();
		assertThat(get("/api/peek", cookie).body()).isEqualTo("1");
	}

	@Test
	void flushRemovesTheRowAndTheCachedCopy() {
		String cookie = newSession();
		assertDeletionCookie(ops("[{'op':'flush'}]", cookie));
		assertThat(row(cookie)).isNull();
		assertThat(cached(cookie)).isNull();
	}

	@Test
	void readWithAnUnknownKeyCachesNothing() {
		String unknown = randomKey();
		assertThat(get("/api/peek", unknown).body()).isEqualTo("0");
		assertThat(cached(unknown)).isNull();
	}

}
