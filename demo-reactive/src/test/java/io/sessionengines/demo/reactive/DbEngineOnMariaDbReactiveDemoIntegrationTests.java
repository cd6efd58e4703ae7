package io.sessionengines.demo.reactive;

import io.sessionengines.demo.DatabaseChecks;
import io.sessionengines.demo.DemoBackends;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Reactive demo tests with the {@code db} engine on MariaDB, in a table of this run's own
 * that {@code session.db.initialize-schema=always} creates at start-up and the tests drop
 * at the end, with the tables of the registry of each user's sessions, which lives in the
 * database too.
 *
 * @author Session Engines contributors
 */
@TestPropertySource(properties = { "session.engine=db", "session.db.initialize-schema=always" })
class DbEngineOnMariaDbReactiveDemoIntegrationTests extends AbstractServerSideReactiveDemoIntegrationTests
		implements DatabaseChecks {

	private static final String TABLE = DemoBackends.uniqueTable("reactive_db");

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
