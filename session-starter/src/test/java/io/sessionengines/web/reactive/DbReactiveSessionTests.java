package io.sessionengines.web.reactive;

/**
 * The session middleware under Spring WebFlux with the {@code db} engine.
 *
 * @author Session Engines contributors
 */
class DbReactiveSessionTests extends AbstractReactiveSessionTests {

	@Override
	String[] engineProperties() {
		return new String[] { "session.engine=db", "spring.datasource.url=jdbc:h2:mem:reactive-db;DB_CLOSE_DELAY=-1" };
	}

}
