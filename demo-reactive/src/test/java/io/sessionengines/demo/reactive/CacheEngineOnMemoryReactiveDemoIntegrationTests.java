package io.sessionengines.demo.reactive;

import io.sessionengines.engine.cache.CaffeineSessionCacheStore;
import io.sessionengines.engine.cache.SessionCacheStore;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reactive demo tests with the {@code cache} engine on the in-process ({@code memory})
 * cache.
 *
 * @author Session Engines contributors
 */
@TestPropertySource(properties = { "session.engine=cache", "session.cache-alias=memory" })
class CacheEngineOnMemoryReactiveDemoIntegrationTests extends AbstractServerSideReactiveDemoIntegrationTests {

	@Autowired
	private SessionCacheStore cache;

	@Override
	public @Nullable String stored(String key) {
		return this.cache.get(key);
	}

	@Override
	public boolean storesCompressed() {
		return false;
	}

	@Test
	void sessionsLiveInTheInProcessCache() {
		assertThat(this.cache).isInstanceOf(CaffeineSessionCacheStore.class);
	}

	@Test
	void expiredSessionIsNotStored() {
		String cookie = ops("[{'op':'set','key':'a','value':1},{'op':'expiry','value':-10}]", null).newSessionCookie();
		assertNotStored(cookie);
	}

}
