package io.sessionengines.engine.signedcookies;

import io.sessionengines.engine.AbstractSessionEngineTests;
import io.sessionengines.engine.EncryptedCodecs;
import io.sessionengines.engine.MutableClock;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.signing.TokenCipher;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine contract for {@link SignedCookieSessionEngine} with encrypted cookies.
 *
 * @author Session Engines contributors
 */
class EncryptedSignedCookieSessionEngineTests extends AbstractSessionEngineTests {

	@Override
	protected SessionEngine createEngine(MutableClock clock, SessionExpiry expiry) {
		return new SignedCookieSessionEngine(EncryptedCodecs.codec(SignedCookieSessionEngine.SALT, clock), expiry);
	}

	@Override
	protected boolean storesSessionsOnServer() {
		return false;
	}

	@Test
	void cookieIsEncrypted() {
		assertThat(create(data("user", "alice"))).startsWith(TokenCipher.PREFIX).doesNotContain("alice");
	}

	@Test
	void cookieOlderThanTheCookieAgeLoadsAsNoSession() {
		String cookie = create(data("user", "alice"));
		advanceClock(COOKIE_AGE.plusSeconds(1));
		assertThat(engine().load(cookie)).isNull();
	}

}
