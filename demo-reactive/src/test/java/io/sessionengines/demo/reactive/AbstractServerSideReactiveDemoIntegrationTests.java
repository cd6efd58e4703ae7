package io.sessionengines.demo.reactive;

import io.sessionengines.demo.Reply;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reactive demo's tests for the engines that keep sessions on the server ({@code db},
 * {@code file}, {@code cache}, {@code cached_db}): the cookie is the session key, and a
 * key that a cycle, a login or a logout replaced is dead.
 *
 * @author Session Engines contributors
 */
abstract class AbstractServerSideReactiveDemoIntegrationTests extends AbstractReactiveDemoIntegrationTests {

	static final String KEY = "[a-z0-9]{32}";

	@Override
	void assertSessionCookieFormat(String value) {
		assertThat(value).matches(KEY);
	}

	@Override
	void assertReplacedAtLogin(String replaced, @Nullable String user) {
		assertDeadKey(replaced);
	}

	@Override
	void assertReplayedAfterLogout(String loggedOut) {
		assertDeadKey(loggedOut);
	}

	@Test
	void cycleKillsTheOldKey() {
		String cookie = newSession();
		Reply reply = ops("[{'op':'cycle'},{'op':'key'}]", cookie);
		String cycled = reply.newSessionCookie();
		assertThat(reply.json().get(1).stringValue()).isEqualTo(cycled);
		assertDeadKey(cookie);
		assertThat(get("/api/peek", cycled).body()).isEqualTo("1");
	}

	@Test
	void flushKillsTheOldKey() {
		String cookie = newSession();
		assertDeletionCookie(ops("[{'op':'flush'}]", cookie));
		assertDeadKey(cookie);
	}

	@Test
	void writeWithAValidCookieKeepsTheKey() {
		String cookie = newSession();
		assertThat(get("/api/visits", cookie).newSessionCookie()).isEqualTo(cookie);
		assertThat(ops("[{'op':'key'}]", cookie).json().get(0).stringValue()).isEqualTo(cookie);
	}

	/**
	 * A dead key reads as an empty, anonymous session whose cookie the response deletes.
	 */
	private void assertDeadKey(String key) {
		Reply me = me(key);
		assertThat(me.status()).as(me.toString()).isEqualTo(401);
		assertDeletionCookie(me);
		Reply session = get("/api/session", key);
		assertThat(session.json()).as(session.toString()).isEqualTo(Reply.json("{}"));
		assertDeletionCookie(session);
	}

}
