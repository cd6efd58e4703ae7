package io.sessionengines.registry;

import javax.sql.DataSource;

import io.sessionengines.engine.db.H2Database;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;

/**
 * Tests for {@link JdbcSessionRegistryStore} on H2, in a private in-memory database per
 * test, on the default tables.
 *
 * @author Session Engines contributors
 */
class JdbcSessionRegistryStoreTests extends AbstractJdbcSessionRegistryStoreTests {

	private DataSource dataSource;

	@AfterEach
	void shutDownDatabase() {
		if (this.dataSource != null) {
			H2Database.shutdown(this.dataSource);
		}
	}

	@Override
	protected DataSource database() {
		if (this.dataSource == null) {
			this.dataSource = H2Database.create();
		}
		return this.dataSource;
	}

	@Override
	protected DataSource secondDatabase() {
		JdbcDataSource second = new JdbcDataSource();
		second.setURL(((JdbcDataSource) database()).getURL());
		return second;
	}

	@Override
	protected boolean countsCodePoints() {
		return false;
	}

	@Override
	protected String tablePrefix() {
		return JdbcSessionRegistryStore.DEFAULT_TABLE_PREFIX;
	}

}
