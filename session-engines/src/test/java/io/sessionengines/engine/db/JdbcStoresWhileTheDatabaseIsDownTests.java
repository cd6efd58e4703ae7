package io.sessionengines.engine.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.SessionStoreUnavailableException;
import io.sessionengines.registry.JdbcSessionRegistryStore;
import io.sessionengines.signing.TimestampSigner;
import io.sessionengines.testsupport.TypedTestValues;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.AbstractDataSource;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests that the {@code db} engine and the JDBC registry store can be created while their
 * database is down, as an application starts during an outage, and report the outage when
 * used.
 *
 * @author Session Engines contributors
 */
class JdbcStoresWhileTheDatabaseIsDownTests {

	private final Clock clock = Clock.systemUTC();

	@Test
	void anEngineIsCreatedAndReportsTheOutageWhenUsed() {
		JdbcSessionEngine engine = new JdbcSessionEngine(new DownDataSource(),
				new SessionCodec(TypedTestValues.serializer(),
						new TimestampSigner("k3y-0f-f0rty-tw0-ch4racters-f0r-th3-t3sts", List.of(),
								SessionCodec.STORED_DATA_SALT, this.clock)),
				new SessionExpiry(Duration.ofDays(14), false, this.clock), JdbcSessionEngine.DEFAULT_TABLE);
		assertThatExceptionOfType(SessionStoreUnavailableException.class).isThrownBy(() -> engine.load("key"));
		assertThatExceptionOfType(SessionStoreUnavailableException.class).isThrownBy(engine::clearExpired);
	}

	@Test
	void aRegistryStoreIsCreatedAndReportsTheOutageWhenUsed() {
		assertThatNoException().isThrownBy(() -> new JdbcSessionRegistryStore(new DownDataSource(), this.clock));
		JdbcSessionRegistryStore store = new JdbcSessionRegistryStore(new DownDataSource(), this.clock);
		assertThatExceptionOfType(SessionStoreUnavailableException.class)
			.isThrownBy(() -> store.revocations(Instant.now().minus(Duration.ofMinutes(1))));
	}

	/**
	 * A database whose server is down.
	 */
	private static final class DownDataSource extends AbstractDataSource {

		@Override
		public Connection getConnection() throws SQLException {
			throw new SQLException("Connection refused", "08001");
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return getConnection();
		}

	}

}
