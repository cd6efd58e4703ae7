package io.sessionengines.web.reactive;

/**
 * The session middleware under Spring WebFlux with the {@code cache} engine.
 *
 * @author Session Engines contributors
 */
class CacheReactiveSessionTests extends AbstractReactiveSessionTests {

	@Override
	String[] engineProperties() {
		return new String[] { "session.engine=cache" };
	}

}
