package io.sessionengines.engine.cache;

import io.sessionengines.engine.AbstractSessionEngineTests;
import io.sessionengines.engine.EncryptedCodecs;
import io.sessionengines.engine.MutableClock;
import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.signing.TokenCipher;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine contract for {@link CacheSessionEngine} on {@link CaffeineSessionCacheStore}
 * with its entries encrypted.
 *
 * @author Session Engines contributors
 */
class EncryptedCaffeineCacheSessionEngineTests extends AbstractSessionEngineTests {

	private CaffeineSessionCacheStore store;

	@Override
	protected SessionEngine createEngine(MutableClock clock, SessionExpiry expiry) {
		this.store = new CaffeineSessionCacheStore(1000, CaffeineCacheSessionEngineTests.ticker(clock));
		return new CacheSessionEngine(this.store, EncryptedCodecs.codec(SessionCodec.STORED_DATA_SALT, clock), expiry);
	}

	@Override
	protected boolean purgesExpiredSessions() {
		return false;
	}

	@Test
	void entryIsEncrypted() {
		String key = create(data("user", "alice"));
		assertThat(this.store.get(key)).startsWith(TokenCipher.PREFIX).doesNotContain("alice");
	}

}
