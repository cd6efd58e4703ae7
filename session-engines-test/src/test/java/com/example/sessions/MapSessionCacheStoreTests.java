package com.example.sessions;

import io.sessionengines.engine.MutableClock;
import io.sessionengines.engine.cache.AbstractSessionCacheStoreTests;
import io.sessionengines.engine.cache.SessionCacheStore;

/**
 * Tests for {@link MapSessionCacheStore}: a third party's store proved by the kit.
 *
 * @author Session Engines contributors
 */
class MapSessionCacheStoreTests extends AbstractSessionCacheStoreTests {

	@Override
	protected SessionCacheStore createStore(MutableClock clock) {
		return new MapSessionCacheStore(clock);
	}

}
