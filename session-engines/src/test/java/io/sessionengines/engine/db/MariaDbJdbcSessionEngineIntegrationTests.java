package io.sessionengines.engine.db;

import java.util.List;

import javax.sql.DataSource;

import io.sessionengines.testsupport.TestBackends;
import org.junit.jupiter.api.AfterAll;

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
	protected String expireDateInUtc() {
		return "DATE_FORMAT(expire_date, '%Y-%m-%d %H:%i:%s.%f')";
	}

	@Override
	protected String utcTimestamp(String utc) {
		return "'" + utc + "'";
	}

}
