package com.example.sessions;

import java.util.List;

import io.sessionengines.engine.AbstractSessionEngineTests;
import io.sessionengines.engine.MutableClock;
import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.signing.TimestampSigner;
import io.sessionengines.testsupport.TypedTestValues;

/**
 * Tests for {@link MapSessionEngine}: a third party's engine proved by the kit.
 *
 * @author Session Engines contributors
 */
class MapSessionEngineTests extends AbstractSessionEngineTests {

	@Override
	protected SessionEngine createEngine(MutableClock clock, SessionExpiry expiry) {
		TimestampSigner signer = new TimestampSigner("test-secret", List.of(), "test-salt", clock);
		return new MapSessionEngine(new SessionCodec(TypedTestValues.serializer(), signer), expiry);
	}

}
