package io.sessionengines.registry;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.sessionengines.testsupport.TestBackends;
import org.junit.jupiter.api.AfterAll;

/**
 * Tests for {@link JdbcSessionRegistryStore} on PostgreSQL
 * ({@link TestBackends#postgres()}), in tables of their own, dropped afterwards; the
 * second instance uses a second pool.
 *
 * @author Session Engines contributors
 */
class PostgresJdbcSessionRegistryStoreIntegrationTests extends AbstractJdbcSessionRegistryStoreTests {

	private static final String PREFIX = TestBackends.uniqueName("registry_it");

	private static DataSource database;

	private static HikariDataSource secondDatabase;

	@AfterAll
	static void dropTablesAndClosePool() {
		if (secondDatabase != null) {
			secondDatabase.close();
		}
		if (database != null) {
			dropTables(database, PREFIX);
		}
	}

	@Override
	protected DataSource database() {
		database = TestBackends.postgres();
		return database;
	}

	@Override
	protected synchronized DataSource secondDatabase() {
		if (secondDatabase == null) {
			secondDatabase = anotherPool(database());
		}
		return secondDatabase;
	}

	@Override
	protected String tablePrefix() {
		return PREFIX;
	}

}
