package io.sessionengines.demo;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Demo API tests with the {@code db} engine on MariaDB, in a table of this run's own that
 * {@code session.db.initialize-schema=always} creates at start-up (a server database is
 * not embedded).
 *
 * @author Session Engines contributors
 */
@TestPropertySource(properties = { "session.engine=db", "session.db.initialize-schema=always" })
class DbEngineOnMariaDbDemoIntegrationTests extends AbstractServerSideDemoHttpIntegrationTests
		implements DatabaseChecks {

	private static final String TABLE = DemoBackends.uniqueTable("db");

	private static String url;

	@BeforeAll
	static void requireMariaDb() {
		url = DemoBackends.mariaDbUrl();
	}

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> url);
		registry.add("session.db.table", () -> TABLE);
	}

	@AfterAll
	static void dropTables() {
		if (url != null) {
			DemoBackends.dropMariaDbTable(TABLE);
			DemoBackends.dropMariaDbRegistryTables();
		}
	}

	@Override
	public @Nullable String stored(String key) {
		return sessionTable().row(key);
	}

}
