package io.sessionengines.demo;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Demo API checks for the {@code signed_cookies} engine, on both stacks: the cookie is
 * the signed session data, compressed when that makes it smaller, and a copy of a token
 * that a login or a logout replaced is revoked by the registry of each user's sessions.
 * The {@code signed_cookies} test class of each stack implements this interface.
 *
 * @author Session Engines contributors
 */
public interface SignedCookiesChecks extends LoginChecks {

	/**
	 * The format of a signed token: the payload ({@code .} first when compressed), the
	 * timestamp and the signature.
	 */
	String TOKEN = "^\\.?[A-Za-z0-9_-]+:[0-9A-Za-z]+:[A-Za-z0-9_-]{43}$";

	@Override
	default void assertSessionCookieFormat(String value) {
		assertThat(value).matches(TOKEN);
	}

	/**
	 * A login issues a new token (asserted by every login check). A copy of an anonymous
	 * token the login replaced stays what it was, never logged in; a copy of a logged-in
	 * one is revoked by the registry (its registry id was ended), so it loads as no
	 * session, where Django would still accept it until it expires (reference §5).
	 */
	@Override
	default void assertReplacedAtLogin(String replaced, @Nullable String user) {
		assertThat(me(replaced).status()).isEqualTo(401);
		if (user != null) {
			assertRevoked(replaced);
		}
	}

	/**
	 * The logout deletes the browser's cookie and revokes the session's registry id, so a
	 * copy of the token taken before is anonymous with an empty session (Django keeps it
	 * valid until it expires, reference §5).
	 */
	@Override
	default void assertReplayedAfterLogout(String loggedOut, String user) {
		assertRevoked(loggedOut);
	}

	@Test
	default void smallSessionIsCompactJsonInTheToken() {
		String token = newSession();
		assertThat(token).doesNotStartWith(".");
		String payload = token.substring(0, token.indexOf(':'));
		String json = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
		assertThat(Reply.json(json)).isEqualTo(Reply.json("{\"visits\":1}"));
		assertThat(json).doesNotContain(" ");
	}

	@Test
	default void largeCompressibleSessionIsCompressed() {
		Reply reply = ops("[{'op':'set','key':'a','value':'" + "a".repeat(3000) + "'}]", null);
		String token = reply.newSessionCookie();
		assertSessionCookieFormat(token);
		assertThat(token).startsWith(".");
		assertThat(reply.sessionCookie().size()).isLessThan(4096);
		assertThat(get("/api/session", token).json().get("a").stringValue()).hasSize(3000);
	}

	@Test
	default void dataOverWhatACookieHoldsIsRefusedWhenSet() {
		String cookie = newSession();
		Reply reply = ops("[{'op':'set','key':'big','value':'" + "a".repeat(4096) + "'}]", cookie);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(413);
		assertThat(reply.json().get("error").stringValue()).contains("4096 bytes");
		assertThat(reply.sessionCookie()).as(reply.toString()).isNull();
		assertThat(get("/api/peek", cookie).body()).isEqualTo("1");
	}

	@Test
	default void replayedCookieStillCarriesItsDataAfterFlushAsInDjango() {
		String cookie = newSession();
		DemoApi.assertDeletionCookie(ops("[{'op':'flush'}]", cookie));
		assertThat(get("/api/peek", cookie).body()).isEqualTo("1");
	}

	private void assertRevoked(String token) {
		Reply me = me(token);
		assertThat(me.status()).as(me.toString()).isEqualTo(401);
		DemoApi.assertDeletionCookie(me);
		Reply session = get("/api/session", token);
		assertThat(session.json()).as(session.toString()).isEqualTo(Reply.json("{}"));
	}

}
