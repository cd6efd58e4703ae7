package com.example.sessions;

import java.util.List;

import io.sessionengines.engine.AbstractSessionRowStoreTests;
import io.sessionengines.engine.MutableClock;
import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.SessionRowStore;
import io.sessionengines.signing.TimestampSigner;
import io.sessionengines.testsupport.TypedTestValues;

/**
 * Tests for {@link MapSessionRowStore}: a third party's row store proved by the kit.
 *
 * @author Session Engines contributors
 */
class MapSessionRowStoreTests extends AbstractSessionRowStoreTests {

	@Override
	protected SessionRowStore createStore(MutableClock clock, SessionExpiry expiry) {
		TimestampSigner signer = new TimestampSigner("test-secret", List.of(), "test-salt", clock);
		return new MapSessionRowStore(new SessionCodec(TypedTestValues.serializer(), signer), expiry);
	}

}
