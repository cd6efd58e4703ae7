package io.sessionengines.demo.reactive;

import org.springframework.test.context.TestPropertySource;

/**
 * Reactive demo tests with the {@code cached_db} engine: the in-process cache in front of
 * the embedded H2 database.
 *
 * @author Session Engines contributors
 */
@TestPropertySource(properties = { "session.engine=cached_db", "session.cache-alias=memory" })
class CachedDbEngineOnMemoryReactiveDemoIntegrationTests extends AbstractServerSideReactiveDemoIntegrationTests {

}
