package io.sessionengines.engine.cache;

import io.sessionengines.engine.MutableClock;

/**
 * Tests for {@link CaffeineSessionCacheStore}: the cache store contract, on a ticker
 * driven by the test clock.
 *
 * @author Session Engines contributors
 */
class CaffeineSessionCacheStoreTests extends AbstractSessionCacheStoreTests {

	@Override
	protected SessionCacheStore createStore(MutableClock clock) {
		return new CaffeineSessionCacheStore(1000, CaffeineCacheSessionEngineTests.ticker(clock));
	}

}
