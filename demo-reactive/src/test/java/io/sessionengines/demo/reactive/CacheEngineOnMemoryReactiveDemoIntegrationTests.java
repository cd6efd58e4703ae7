package io.sessionengines.demo.reactive;

import org.springframework.test.context.TestPropertySource;

/**
 * Reactive demo tests with the {@code cache} engine on the in-process ({@code memory})
 * cache.
 *
 * @author Session Engines contributors
 */
@TestPropertySource(properties = { "session.engine=cache", "session.cache-alias=memory" })
class CacheEngineOnMemoryReactiveDemoIntegrationTests extends AbstractServerSideReactiveDemoIntegrationTests {

}
