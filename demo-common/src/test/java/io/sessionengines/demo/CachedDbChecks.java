package io.sessionengines.demo;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Demo API checks for the {@code cached_db} engine: the table is the truth, and the cache
 * holds a copy of a row's signed data, never anything else. The test class of a
 * {@code cached_db} backend implements this interface, and {@link DatabaseChecks} for its
 * table, to run them.
 *
 * @author Session Engines contributors
 */
public interface CachedDbChecks extends DemoApiChecks, SessionTableAccess {

	/**
	 * Return the cached copy of a session, read straight from the cache.
	 * @param key the session key
	 * @return the cached data, or {@code null}
	 */
	@Nullable String cached(String key);

	/**
	 * Remove a session's cached copy, straight from the cache.
	 * @param key the session key
	 */
	void evict(String key);

	/**
	 * Return the session's row, asserting that the cache holds the same data or nothing:
	 * what the engine stores, for the server-side checks.
	 * @param key the session key
	 * @return the data of the session's row, or {@code null} when there is no row
	 */
	default @Nullable String rowAgreeingWithTheCache(String key) {
		String row = sessionTable().row(key);
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
	default void writeCachesACopyOfTheRow() {
		String cookie = newSession();
		String row = sessionTable().row(cookie);
		assertThat(row).isNotNull();
		assertThat(cached(cookie)).isEqualTo(row);
		String updated = get("/api/visits", cookie).newSessionCookie();
		assertThat(updated).isEqualTo(cookie);
		assertThat(sessionTable().row(cookie)).isNotEqualTo(row);
		assertThat(cached(cookie)).isEqualTo(sessionTable().row(cookie));
	}

	@Test
	default void readWithoutACachedCopyFallsBackToTheRowAndCachesIt() {
		String cookie = newSession();
		evict(cookie);
		assertThat(cached(cookie)).isNull();
		Reply reply = get("/api/peek", cookie);
		assertThat(reply.body()).isEqualTo("1");
		assertThat(reply.setCookies()).isEmpty();
		assertThat(cached(cookie)).isNotNull().isEqualTo(sessionTable().row(cookie));
	}

	@Test
	default void readIsServedFromTheCachedCopy() {
		String cookie = newSession();
		SessionTable table = sessionTable();
		assertThat(table.jdbc().update("delete from " + table.name() + " where session_key = ?", cookie)).isOne();
		assertThat(get("/api/peek", cookie).body()).isEqualTo("1");
	}

	@Test
	default void flushRemovesTheRowAndTheCachedCopy() {
		String cookie = newSession();
		DemoApi.assertDeletionCookie(ops("[{'op':'flush'}]", cookie));
		assertThat(sessionTable().row(cookie)).isNull();
		assertThat(cached(cookie)).isNull();
	}

	@Test
	default void readWithAnUnknownKeyCachesNothing() {
		String unknown = DemoApi.randomKey();
		assertThat(get("/api/peek", unknown).body()).isEqualTo("0");
		assertThat(cached(unknown)).isNull();
	}

}
