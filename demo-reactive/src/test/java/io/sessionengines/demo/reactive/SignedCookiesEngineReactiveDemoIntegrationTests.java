package io.sessionengines.demo.reactive;

import io.sessionengines.demo.Reply;
import org.jspecify.annotations.Nullable;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reactive demo tests with the {@code signed_cookies} engine: the cookie is the signed
 * session data.
 *
 * @author Session Engines contributors
 */
@TestPropertySource(properties = "session.engine=signed_cookies")
class SignedCookiesEngineReactiveDemoIntegrationTests extends AbstractReactiveDemoIntegrationTests {

	private static final String TOKEN = "^\\.?[A-Za-z0-9_-]+:[0-9A-Za-z]+:[A-Za-z0-9_-]{43}$";

	@Override
	void assertSessionCookieFormat(String value) {
		assertThat(value).matches(TOKEN);
	}

	/**
	 * A copy of an anonymous token the login replaced stays what it was, never logged in;
	 * a copy of a logged-in one is revoked by the registry of each user's sessions.
	 */
	@Override
	void assertReplacedAtLogin(String replaced, @Nullable String user) {
		assertThat(me(replaced).status()).isEqualTo(401);
		if (user != null) {
			assertRevoked(replaced);
		}
	}

	/**
	 * The logout revokes the session's registry id, so a copy of the token taken before
	 * is anonymous with an empty session.
	 */
	@Override
	void assertReplayedAfterLogout(String loggedOut) {
		assertRevoked(loggedOut);
	}

	private void assertRevoked(String token) {
		Reply me = me(token);
		assertThat(me.status()).as(me.toString()).isEqualTo(401);
		assertDeletionCookie(me);
		Reply session = get("/api/session", token);
		assertThat(session.json()).as(session.toString()).isEqualTo(Reply.json("{}"));
	}

}
