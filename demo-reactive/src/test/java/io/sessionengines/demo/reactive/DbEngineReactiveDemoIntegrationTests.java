package io.sessionengines.demo.reactive;

import org.springframework.test.context.TestPropertySource;

/**
 * Reactive demo tests with the {@code db} engine on the embedded H2 database, in Django's
 * {@code django_session} table.
 *
 * @author Session Engines contributors
 */
@TestPropertySource(properties = "session.engine=db")
class DbEngineReactiveDemoIntegrationTests extends AbstractServerSideReactiveDemoIntegrationTests {

}
