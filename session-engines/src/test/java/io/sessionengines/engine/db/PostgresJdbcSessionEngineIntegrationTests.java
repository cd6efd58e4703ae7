package io.sessionengines.engine.db;

import java.util.List;

import javax.sql.DataSource;

import io.sessionengines.testsupport.TestBackends;
import org.junit.jupiter.api.AfterAll;

/**
 * Tests for {@link JdbcSessionEngine} on PostgreSQL ({@link TestBackends#postgres()}), in
 * a table of their own, dropped afterwards.
 *
 * @author Session Engines contributors
 */
class PostgresJdbcSessionEngineIntegrationTests extends AbstractServerJdbcSessionEngineTests {

	private static final String TABLE = TestBackends.uniqueName("session_it");

	private static DataSource database;

	@AfterAll
	static void dropTable() {
		if (database != null) {
			dropTables(database, TABLE);
		}
	}

	@Override
	protected DataSource database() {
		database = TestBackends.postgres();
		return database;
	}

	@Override
	protected String table() {
		return TABLE;
	}

	@Override
	protected List<String> djangoTable(String table) {
		// sqlmigrate sessions 0001 on PostgreSQL
		return List.of(
				"CREATE TABLE \"" + table + "\" (\"session_key\" varchar(40) NOT NULL PRIMARY KEY, "
						+ "\"session_data\" text NOT NULL, \"expire_date\" timestamp with time zone NOT NULL)",
				"CREATE INDEX \"" + table + "_expire_date_a5c62663\" ON \"" + table + "\" (\"expire_date\")",
				"CREATE INDEX \"" + table + "_session_key_c0390e0f_like\" ON \"" + table
						+ "\" (\"session_key\" varchar_pattern_ops)");
	}

	@Override
	protected String expireDateInUtc() {
		return "to_char(expire_date AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')";
	}

	@Override
	protected String utcTimestamp(String utc) {
		return "CAST('" + utc + "+00' AS timestamp with time zone)";
	}

}
