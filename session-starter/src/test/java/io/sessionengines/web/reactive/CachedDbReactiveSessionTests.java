package io.sessionengines.web.reactive;

/**
 * The session middleware under Spring WebFlux with the {@code cached_db} engine.
 *
 * @author Session Engines contributors
 */
class CachedDbReactiveSessionTests extends AbstractReactiveSessionTests {

	@Override
	String[] engineProperties() {
		return new String[] { "session.engine=cached_db",
				"spring.datasource.url=jdbc:h2:mem:reactive-cached_db;DB_CLOSE_DELAY=-1" };
	}

}
