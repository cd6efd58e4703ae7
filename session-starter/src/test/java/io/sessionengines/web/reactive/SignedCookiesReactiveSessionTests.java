package io.sessionengines.web.reactive;

/**
 * The session middleware under Spring WebFlux with the {@code signed_cookies} engine.
 *
 * @author Session Engines contributors
 */
class SignedCookiesReactiveSessionTests extends AbstractReactiveSessionTests {

	@Override
	String[] engineProperties() {
		return new String[] { "session.engine=signed_cookies" };
	}

	@Override
	boolean keysCanBeEnded() {
		return false;
	}

}
