package io.sessionengines.demo;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Demo API checks for the engines that store sessions on the server ({@code db},
 * {@code file}, {@code cache}, {@code cached_db}), on both stacks: the cookie carries
 * only a key, the store holds the session under it, and a key that a cycle, a flush, a
 * login or a logout replaced is dead. The abstract server-side test class of each stack
 * implements this interface and says how its tests read the store.
 *
 * @author Session Engines contributors
 */
public interface ServerSideChecks extends LoginChecks {

	/**
	 * The format of a session key, as Django makes it.
	 */
	String KEY = "[a-z0-9]{32}";

	/**
	 * Assert that the store holds a session under a key.
	 * @param key the session key
	 * @return the stored data
	 */
	JsonNode assertStored(String key);

	/**
	 * Assert that the store holds nothing under a key.
	 * @param key the session key
	 */
	void assertNotStored(String key);

	@Override
	default void assertSessionCookieFormat(String value) {
		assertThat(value).matches(KEY);
	}

	/**
	 * The key a login replaced is dead: nothing is stored under it any more, and a copy
	 * of the cookie reads as an empty, anonymous session whose cookie the response
	 * deletes.
	 */
	@Override
	default void assertReplacedAtLogin(String replaced, @Nullable String user) {
		assertDeadKey(replaced);
	}

	/**
	 * The key of a logged-out session is dead, as the key a login replaced.
	 */
	@Override
	default void assertReplayedAfterLogout(String loggedOut, String user) {
		assertDeadKey(loggedOut);
	}

	@Test
	default void firstWritesGetDifferentKeys() {
		assertThat(newSession()).isNotEqualTo(newSession());
	}

	@Test
	default void writeWithAValidCookieKeepsTheKey() {
		String cookie = newSession();
		assertThat(get("/api/visits", cookie).newSessionCookie()).isEqualTo(cookie);
		assertThat(ops("[{'op':'key'}]", cookie).json().get(0).stringValue()).isEqualTo(cookie);
		assertThat(assertStored(cookie)).isEqualTo(Reply.json("{\"visits\":2}"));
	}

	@Test
	default void writeStoresTheDataUnderTheKey() {
		Reply reply = ops("[{'op':'set','key':'a','value':{'x':[1,2.5,'y',null,true]}},{'op':'expiry','value':300}]",
				null);
		String cookie = reply.newSessionCookie();
		assertThat(assertStored(cookie))
			.isEqualTo(Reply.json(DemoApi.quotes("{'a':{'x':[1,2.5,'y',null,true]},'_session_expiry':300}")));
	}

	@Test
	default void readWithAnUnknownKeyStoresNothing() {
		String unknown = DemoApi.randomKey();
		Reply reply = get("/api/peek", unknown);
		assertThat(reply.body()).isEqualTo("0");
		DemoApi.assertDeletionCookie(reply);
		assertNotStored(unknown);
	}

	@Test
	default void keyIsNullUntilTheSessionIsSaved() {
		assertThat(ops("[{'op':'key'}]", null).json().get(0).isNull()).isTrue();
		String cookie = newSession();
		assertThat(ops("[{'op':'key'}]", cookie).json().get(0).stringValue()).isEqualTo(cookie);
	}

	@Test
	default void clearedSessionKeepsItsKeyAndIsStoredEmpty() {
		String cookie = newSession();
		assertThat(ops("[{'op':'clear'}]", cookie).newSessionCookie()).isEqualTo(cookie);
		assertThat(assertStored(cookie)).isEqualTo(Reply.json("{}"));
	}

	@Test
	default void flushKillsTheOldKey() {
		String cookie = newSession();
		DemoApi.assertDeletionCookie(ops("[{'op':'flush'}]", cookie));
		assertNotStored(cookie);
		Reply replay = get("/api/peek", cookie);
		assertThat(replay.body()).isEqualTo("0");
		DemoApi.assertDeletionCookie(replay);
		Reply write = get("/api/visits", cookie);
		assertThat(write.body()).isEqualTo("1");
		assertThat(write.newSessionCookie()).isNotEqualTo(cookie).matches(KEY);
		assertNotStored(cookie);
	}

	@Test
	default void cycleMovesTheDataToANewKeyAndKillsTheOldOne() {
		String cookie = newSession();
		Reply reply = ops("[{'op':'cycle'},{'op':'key'}]", cookie);
		String cycled = reply.newSessionCookie();
		assertThat(cycled).isNotEqualTo(cookie);
		assertThat(reply.json().get(1).stringValue()).isEqualTo(cycled);
		assertNotStored(cookie);
		assertThat(assertStored(cycled)).isEqualTo(Reply.json("{\"visits\":1}"));
		assertThat(get("/api/peek", cycled).body()).isEqualTo("1");
		Reply replay = get("/api/peek", cookie);
		assertThat(replay.body()).isEqualTo("0");
		DemoApi.assertDeletionCookie(replay);
	}

	@Test
	default void cycleOfANewSessionStoresItOnce() {
		Reply reply = ops("[{'op':'set','key':'a','value':1},{'op':'cycle'},{'op':'key'}]", null);
		String cookie = reply.newSessionCookie();
		assertThat(reply.json().get(2).stringValue()).isEqualTo(cookie);
		assertThat(assertStored(cookie)).isEqualTo(Reply.json("{\"a\":1}"));
	}

	@Test
	default void expiredSessionIsReplacedOnWrite() {
		String expired = ops("[{'op':'set','key':'a','value':1},{'op':'expiry','value':-10}]", null).newSessionCookie();
		Reply reply = get("/api/visits", expired);
		assertThat(reply.body()).isEqualTo("1");
		String cookie = reply.newSessionCookie();
		assertThat(cookie).isNotEqualTo(expired).matches(KEY);
		assertThat(get("/api/session", cookie).json()).isEqualTo(Reply.json("{\"visits\":1}"));
	}

	private void assertDeadKey(String key) {
		assertNotStored(key);
		Reply me = me(key);
		assertThat(me.status()).as(me.toString()).isEqualTo(401);
		DemoApi.assertDeletionCookie(me);
		Reply session = get("/api/session", key);
		assertThat(session.json()).as(session.toString()).isEqualTo(Reply.json("{}"));
		DemoApi.assertDeletionCookie(session);
		assertNotStored(key);
	}

}
