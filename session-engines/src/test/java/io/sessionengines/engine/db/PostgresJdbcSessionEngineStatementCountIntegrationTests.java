package io.sessionengines.engine.db;

import javax.sql.DataSource;

import io.sessionengines.testsupport.TestBackends;
import org.junit.jupiter.api.AfterAll;

/**
 * Tests for {@link JdbcSessionEngine} on PostgreSQL ({@link TestBackends#postgres()}):
 * how many statements each operation costs, and the batched purge. The tests use a table
 * of their own, dropped afterwards.
 *
 * @author Session Engines contributors
 */
class PostgresJdbcSessionEngineStatementCountIntegrationTests extends AbstractJdbcSessionEngineStatementCountTests {

	private static final String TABLE = TestBackends.uniqueName("session_it");

	private static DataSource database;

	@AfterAll
	static void dropTable() {
		if (database != null) {
			TestBackends.dropTable(database, TABLE);
		}
	}

	@Override
	protected DataSource createDatabase() {
		database = TestBackends.postgres();
		return database;
	}

	@Override
	protected void releaseDatabase(DataSource database) {
	}

	@Override
	protected String table() {
		return TABLE;
	}

}
