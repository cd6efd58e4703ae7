package io.sessionengines.engine.db;

import javax.sql.DataSource;

/**
 * Tests for {@link JdbcSessionEngine} on H2: how many statements each operation costs.
 *
 * @author Session Engines contributors
 */
class JdbcSessionEngineStatementCountTests extends AbstractJdbcSessionEngineStatementCountTests {

	@Override
	protected DataSource createDatabase() {
		return H2Database.create();
	}

	@Override
	protected void releaseDatabase(DataSource database) {
		H2Database.shutdown(database);
	}

	@Override
	protected String table() {
		return JdbcSessionEngine.DEFAULT_TABLE;
	}

}
