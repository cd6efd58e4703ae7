package io.sessionengines.demo;

import io.sessionengines.engine.cache.CaffeineSessionCacheStore;
import io.sessionengines.engine.cache.SessionCacheStore;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Demo API tests with the {@code cached_db} engine on H2 and the in-process
 * ({@code memory}) cache.
 *
 * @author Session Engines contributors
 */
@TestPropertySource(properties = { "session.engine=cached_db", "session.cache-alias=memory",
		"spring.datasource.url=jdbc:h2:mem:cached-db-memory;DB_CLOSE_DELAY=-1" })
class CachedDbEngineOnMemoryDemoIntegrationTests extends AbstractServerSideDemoHttpIntegrationTests
		implements DatabaseChecks, CachedDbChecks {

	@Autowired
	private SessionCacheStore cache;

	@Override
	public @Nullable String stored(String key) {
		return rowAgreeingWithTheCache(key);
	}

	@Override
	public @Nullable String cached(String key) {
		return this.cache.get(key);
	}

	@Override
	public void evict(String key) {
		this.cache.delete(key);
	}

	@Test
	void copiesLiveInTheInProcessCache() {
		assertThat(this.cache).isInstanceOf(CaffeineSessionCacheStore.class);
	}

}
