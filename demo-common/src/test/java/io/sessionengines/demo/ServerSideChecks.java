package io.sessionengines.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Demo API checks for the engines that store sessions on the server ({@code db},
 * {@code file}, {@code cache}, {@code cached_db}), on both stacks: the cookie carries
 * only a key, the store holds the session under it, and a key that a cycle, a flush, a
 * login or a logout replaced is dead; the data is stored signed as Django signs it,
 * compressed when large; unknown cookies, custom expiries and concurrent requests are
 * handled as Django handles them. The abstract server-side test class of each stack
 * implements this interface, and a class per engine and backend says how to read its
 * store.
 *
 * @author Session Engines contributors
 */
public interface ServerSideChecks extends LoginChecks {

	/**
	 * The format of a session key, as Django makes it.
	 */
	String KEY = "[a-z0-9]{32}";

	/**
	 * Return a session as the engine stores it, read straight from the store.
	 * @param key the session key
	 * @return the signed session data stored under the key, or {@code null} when the
	 * store has nothing under it
	 */
	@Nullable String stored(String key);

	/**
	 * Return the application's secret key, which signs the stored session data.
	 * @return the secret key
	 */
	String secretKey();

	/**
	 * Return whether the store holds large sessions compressed, as Django does; a store
	 * in this process's memory, which no other program reads, does not.
	 * @return whether large sessions are stored compressed
	 */
	default boolean storesCompressed() {
		return true;
	}

	/**
	 * Assert that the store holds a session under a key, signed with the secret key as
	 * Django signs it, and signed just now.
	 * @param key the session key
	 * @return the stored data
	 */
	default JsonNode assertStored(String key) {
		String stored = stored(key);
		assertThat(stored).as("session stored under %s", key).isNotNull();
		DjangoToken token = DjangoToken.verifyStored(stored, secretKey());
		assertThat(token.signedAt()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(2));
		return token.json();
	}

	/**
	 * Assert that the store holds nothing under a key.
	 * @param key the session key
	 */
	default void assertNotStored(String key) {
		assertThat(stored(key)).as("session stored under %s", key).isNull();
	}

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

	@Test
	default void largeSessionIsStoredCompressedWhereOtherProgramsReadTheStore() {
		String cookie = ops("[{'op':'set','key':'a','value':'" + "a".repeat(5000) + "'}]", null).newSessionCookie();
		String stored = stored(cookie);
		if (storesCompressed()) {
			assertThat(stored).as("session stored under %s", cookie).startsWith(".").hasSizeLessThan(1000);
		}
		else {
			assertThat(stored).as("session stored under %s", cookie).doesNotStartWith(".").hasSizeGreaterThan(5000);
		}
		assertThat(assertStored(cookie).get("a").stringValue()).hasSize(5000);
		assertThat(get("/api/session", cookie).json().get("a").stringValue()).hasSize(5000);
	}

	@ParameterizedTest
	@MethodSource("io.sessionengines.demo.ServerSideChecks#unknownKeys")
	default void clearThenSetWithAnUnknownCookieSavesUnderANewKey(String unknown) {
		Reply reply = ops("[{'op':'clear'},{'op':'set','key':'a','value':1}]", unknown);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		String cookie = reply.newSessionCookie();
		assertThat(cookie).isNotEqualTo(unknown).matches(KEY);
		assertThat(assertStored(cookie)).isEqualTo(Reply.json("{\"a\":1}"));
		assertNotStored(unknown);
	}

	@ParameterizedTest
	@MethodSource("io.sessionengines.demo.ServerSideChecks#unknownKeys")
	default void clearWithAnUnknownCookieSavesAnEmptySessionUnderANewKey(String unknown) {
		Reply reply = ops("[{'op':'clear'}]", unknown);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		String cookie = reply.newSessionCookie();
		assertThat(cookie).isNotEqualTo(unknown).matches(KEY);
		assertThat(assertStored(cookie)).isEqualTo(Reply.json("{}"));
		assertNotStored(unknown);
	}

	/**
	 * Unknown cookies of a key's length, of the shortest length kept (8), and longer.
	 * @return the cookie values
	 */
	static String[] unknownKeys() {
		return new String[] { DemoApi.randomKey(), DemoApi.randomKey().substring(0, 8),
				(DemoApi.randomKey() + DemoApi.randomKey()).substring(0, 41), DemoApi.randomKey().repeat(10) };
	}

	@Test
	default void customExpiryIsEnforcedByTheServer() throws InterruptedException {
		long start = System.nanoTime();
		Reply reply = ops("[{'op':'set','key':'a','value':1},{'op':'expiry','value':1}]", null);
		SetCookie cookie = reply.sessionCookie();
		assertThat(cookie).as(reply.toString()).isNotNull();
		assertThat(cookie.maxAge()).isEqualTo(1);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		Thread.sleep(Math.max(0, 2100 - elapsed.toMillis()));
		Reply replay = get("/api/session", cookie.value());
		assertThat(replay.json()).isEqualTo(Reply.json("{}"));
		DemoApi.assertDeletionCookie(replay);
	}

	@Test
	default void twoConcurrentRequestsThatSetDifferentKeysBothSurvive() throws Exception {
		String cookie = newSession();
		// the slow request loads the session, and saves it after the fast one did
		CompletableFuture<Reply> slow = http().postAsync("/api/ops",
				DemoApi.quotes(
						"[{'op':'get','key':'visits'},{'op':'sleep','ms':1000},{'op':'set','key':'slow','value':1}]"),
				cookie);
		Thread.sleep(300);
		Reply fast = ops("[{'op':'set','key':'fast','value':2}]", cookie);
		assertThat(fast.status()).as(fast.toString()).isEqualTo(200);
		Reply slowReply = slow.get(30, TimeUnit.SECONDS);
		assertThat(slowReply.status()).as(slowReply.toString()).isEqualTo(200);
		assertThat(get("/api/session", cookie).json())
			.isEqualTo(Reply.json(DemoApi.quotes("{'visits':1,'fast':2,'slow':1}")));
	}

	@Test
	default void manyConcurrentRequestsThatSetDifferentKeysAllSurvive() throws Exception {
		String cookie = newSession();
		List<CompletableFuture<Reply>> requests = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			requests.add(http().postAsync("/api/ops",
					DemoApi.quotes("[{'op':'set','key':'k" + i + "','value':" + i + "}]"), cookie));
		}
		for (CompletableFuture<Reply> request : requests) {
			Reply reply = request.get(30, TimeUnit.SECONDS);
			assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		}
		JsonNode stored = get("/api/session", cookie).json();
		for (int i = 0; i < 16; i++) {
			assertThat(stored.get("k" + i)).as("k%d in %s", i, stored).isNotNull();
			assertThat(stored.get("k" + i).intValue()).isEqualTo(i);
		}
		assertThat(stored.get("visits").intValue()).isEqualTo(1);
	}

	@Test
	default void sessionDeletedByAConcurrentRequestAnswersBadRequest() throws Exception {
		String cookie = newSession();
		CompletableFuture<Reply> slow = http().postAsync("/api/ops",
				DemoApi.quotes(
						"[{'op':'get','key':'visits'},{'op':'sleep','ms':1500},{'op':'set','key':'visits','value':5}]"),
				cookie);
		Thread.sleep(500);
		DemoApi.assertDeletionCookie(ops("[{'op':'flush'}]", cookie));
		Reply interrupted = slow.get();
		assertThat(interrupted.status()).as(interrupted.toString()).isEqualTo(400);
		assertThat(interrupted.setCookies()).as(interrupted.toString()).isEmpty();
		assertNotStored(cookie);
		assertThat(get("/api/peek", cookie).body()).isEqualTo("0");
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
