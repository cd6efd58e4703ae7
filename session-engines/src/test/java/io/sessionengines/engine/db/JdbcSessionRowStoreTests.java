package io.sessionengines.engine.db;

import java.util.List;

import javax.sql.DataSource;

import io.sessionengines.engine.AbstractSessionRowStoreTests;
import io.sessionengines.engine.MutableClock;
import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.SessionRowStore;
import io.sessionengines.signing.TimestampSigner;
import io.sessionengines.testsupport.TypedTestValues;
import org.junit.jupiter.api.AfterEach;

/**
 * Tests for {@link JdbcSessionEngine} as the {@link SessionRowStore} that
 * {@code cached_db} decorates, on H2.
 *
 * @author Session Engines contributors
 */
class JdbcSessionRowStoreTests extends AbstractSessionRowStoreTests {

	private DataSource dataSource;

	@Override
	protected SessionRowStore createStore(MutableClock clock, SessionExpiry expiry) {
		this.dataSource = H2Database.create();
		TimestampSigner signer = new TimestampSigner("row-store-test-secret", List.of(), SessionCodec.STORED_DATA_SALT,
				clock);
		JdbcSessionEngine engine = new JdbcSessionEngine(this.dataSource,
				new SessionCodec(TypedTestValues.serializer(), signer), expiry, JdbcSessionEngine.DEFAULT_TABLE);
		engine.createTableIfMissing();
		return engine;
	}

	@AfterEach
	void shutDownDatabase() {
		H2Database.shutdown(this.dataSource);
	}

}
