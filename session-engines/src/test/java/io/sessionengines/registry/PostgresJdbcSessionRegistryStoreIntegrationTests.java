package io.sessionengines.registry;

import javax.sql.DataSource;

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

	private static final ServerRegistryTables TABLES = new ServerRegistryTables(TestBackends::postgres);

	@AfterAll
	static void dropTables() {
		TABLES.dropTables();
	}

	@Override
	protected DataSource database() {
		return TABLES.database();
	}

	@Override
	protected DataSource secondDatabase() {
		return TABLES.secondDatabase();
	}

	@Override
	protected String tablePrefix() {
		return TABLES.prefix();
	}

}
