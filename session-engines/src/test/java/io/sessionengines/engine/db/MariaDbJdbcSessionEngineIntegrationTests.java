package io.sessionengines.engine.db;

import java.util.List;

import javax.sql.DataSource;

import io.sessionengines.testsupport.TestBackends;
import org.junit.jupiter.api.AfterAll;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Tests for {@link JdbcSessionEngine} on MariaDB ({@link TestBackends#mariadb()}), in a
 * table of their own, dropped afterwards.
 *
 * @author Session Engines contributors
 */
class MariaDbJdbcSessionEngineIntegrationTests extends AbstractServerJdbcSessionEngineTests {

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
		database = TestBackends.mariadb();
		return database;
	}

	@Override
	protected String table() {
		return TABLE;
	}

	@Override
	protected List<String> djangoTable(String table) {
		// sqlmigrate sessions 0001 on MySQL and MariaDB (Django stores UTC in DATETIME)
		return List.of(
				"CREATE TABLE `" + table + "` (`session_key` varchar(40) NOT NULL PRIMARY KEY, "
						+ "`session_data` longtext NOT NULL, `expire_date` datetime(6) NOT NULL)",
				"CREATE INDEX `" + table + "_expire_date_a5c62663` ON `" + table + "` (`expire_date`)");
	}

	@Override
	protected List<String> djangoTablesInSchema(String schema) {
		// sqlmigrate sessions 0001 on MySQL and MariaDB, with db_table 'django_session'
		// and
		// then 'session_table_with_..._truncation', in a database of their own
		String table = "`" + schema + "`.`django_session`";
		String longTable = "`" + schema + "`.`" + LONG_TABLE + "`";
		return List.of(
				"CREATE TABLE " + table + " (`session_key` varchar(40) NOT NULL PRIMARY KEY, "
						+ "`session_data` longtext NOT NULL, `expire_date` datetime(6) NOT NULL)",
				"CREATE INDEX `django_session_expire_date_a5c62663` ON " + table + " (`expire_date`)",
				"CREATE TABLE " + longTable + " (`session_key` varchar(40) NOT NULL PRIMARY KEY, "
						+ "`session_data` longtext NOT NULL, `expire_date` datetime(6) NOT NULL)",
				"CREATE INDEX `session_table_with_a_rather_expire_date_f158fa30` ON " + longTable + " (`expire_date`)");
	}

	@Override
	protected String dropSchema(String schema) {
		return "DROP SCHEMA IF EXISTS " + schema;
	}

	@Override
	protected List<String> tableDefinition(JdbcTemplate jdbc, String schema, String table) {
		// SHOW CREATE TABLE names the table, not its database
		return jdbc.query("SHOW CREATE TABLE " + schema + "." + table, (row, rowNum) -> row.getString(2));
	}

	@Override
	protected String expireDateInUtc() {
		return "DATE_FORMAT(expire_date, '%Y-%m-%d %H:%i:%s.%f')";
	}

	@Override
	protected String utcTimestamp(String utc) {
		return "'" + utc + "'";
	}

}
