package io.sessionengines.demo.django;

import java.util.UUID;

/**
 * Sessions shared with Django on the {@code signed_cookies} engine, with a key ring on
 * our side instead of the secret key: its signing key is Django's {@code SECRET_KEY}, and
 * a second key waits for its activation. The ring's tokens carry no key id, so every
 * interop test passes as with the secret key alone.
 *
 * @author Session Engines contributors
 */
public abstract class SignedCookiesWithKeyRingDjangoInterop extends SignedCookiesEngineDjangoInterop {

	@Override
	void configure(Settings settings) {
		// empty, to override the demo's application.properties: a ring replaces the key
		settings.ours("session.secret-key", "")
			.ours("session.key-ring.keys[0].id", "current")
			.ours("session.key-ring.keys[0].secret", secretKey())
			.ours("session.key-ring.keys[1].id", "next")
			.ours("session.key-ring.keys[1].secret", "next-" + UUID.randomUUID() + UUID.randomUUID())
			.ours("session.key-ring.keys[1].active-from", "2999-01-01T00:00:00Z");
	}

}
