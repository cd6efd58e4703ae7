package io.sessionengines.engine.db;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.sessionengines.testsupport.TestBackends;
import org.junit.jupiter.api.AfterAll;

import org.springframework.jdbc.core.JdbcTemplate;

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
	protected List<String> djangoTablesInSchema(String schema) {
		// sqlmigrate sessions 0001 on PostgreSQL, with db_table
		// '"<schema>"."django_session"'
		// and then '"<schema>"."session_table_with_..._truncation"'
		String table = "\"" + schema + "\".\"django_session\"";
		String longTable = "\"" + schema + "\".\"" + LONG_TABLE + "\"";
		return List.of(
				"CREATE TABLE " + table + " (\"session_key\" varchar(40) NOT NULL PRIMARY KEY, "
						+ "\"session_data\" text NOT NULL, \"expire_date\" timestamp with time zone NOT NULL)",
				"CREATE INDEX \"django_session_session_key_c0390e0f_like\" ON " + table
						+ " (\"session_key\" varchar_pattern_ops)",
				"CREATE INDEX \"django_session_expire_date_a5c62663\" ON " + table + " (\"expire_date\")",
				"CREATE TABLE " + longTable + " (\"session_key\" varchar(40) NOT NULL PRIMARY KEY, "
						+ "\"session_data\" text NOT NULL, \"expire_date\" timestamp with time zone NOT NULL)",
				"CREATE INDEX \"session_table_with_a_rat_session_key_210f53b2_like\" ON " + longTable
						+ " (\"session_key\" varchar_pattern_ops)",
				"CREATE INDEX \"session_table_with_a_rathe_expire_date_f158fa30\" ON " + longTable
						+ " (\"expire_date\")");
	}

	@Override
	protected String dropSchema(String schema) {
		return "DROP SCHEMA IF EXISTS " + schema + " CASCADE";
	}

	@Override
	protected List<String> tableDefinition(JdbcTemplate jdbc, String schema, String table) {
		List<String> definition = new ArrayList<>(jdbc.query(
				"SELECT column_name, data_type, character_maximum_length, is_nullable FROM information_schema.columns "
						+ "WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position",
				(row, rowNum) -> row.getString(1) + " " + row.getString(2) + " " + row.getString(3) + " "
						+ row.getString(4),
				schema, table));
		definition.addAll(jdbc.query(
				"SELECT indexname || ': ' || replace(indexdef, schemaname || '.', '') FROM pg_indexes "
						+ "WHERE schemaname = ? AND tablename = ? ORDER BY indexname",
				(row, rowNum) -> row.getString(1), schema, table));
		return definition;
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
