package com.example.sessions;

import java.util.List;

import io.sessionengines.engine.AbstractSessionEngineTests;
import io.sessionengines.engine.MutableClock;
import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.cacheddb.CachedDbSessionEngine;
import io.sessionengines.signing.TimestampSigner;
import io.sessionengines.testsupport.TypedTestValues;

/**
 * Tests for {@code cached_db} over {@link MapSessionRowStore}: a third party's row store
 * with the project's cache in front, proved by the kit.
 *
 * @author Session Engines contributors
 */
class CachedDbOverMapRowStoreTests extends AbstractSessionEngineTests {

	@Override
	protected SessionEngine createEngine(MutableClock clock, SessionExpiry expiry) {
		TimestampSigner signer = new TimestampSigner("test-secret", List.of(), "test-salt", clock);
		SessionCodec codec = new SessionCodec(TypedTestValues.serializer(), signer);
		return new CachedDbSessionEngine(new MapSessionCacheStore(clock), new MapSessionRowStore(codec, expiry),
				expiry);
	}

}
