package io.sessionengines.demo;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.sessionengines.registry.JdbcSessionRegistryStore;
import io.sessionengines.testsupport.TestBackends;
import io.sessionengines.testsupport.TestBackends.RedisEndpoint;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The real backends of the demo's integration tests, from the shared
 * {@link TestBackends}: PostgreSQL, MariaDB and Redis. A backend that cannot be reached
 * skips the calling tests, or fails them when {@code SESSION_TEST_REQUIRE_SERVICES=true}
 * (CI); without a Redis server, an embedded one is used unless backends are required.
 * <p>
 * Call these methods from a {@code @BeforeAll} method, so that a missing backend skips or
 * fails the test class before its application context starts.
 *
 * @author Session Engines contributors
 */
public final class DemoBackends {

	private static final Log logger = LogFactory.getLog(DemoBackends.class);

	private static final Set<String> reported = ConcurrentHashMap.newKeySet();

	private static final List<String> REGISTRY_TABLES = Stream.of("", "_principal", "_revocation")
		.map((suffix) -> JdbcSessionRegistryStore.DEFAULT_TABLE_PREFIX + suffix)
		.toList();

	private DemoBackends() {
	}

	/**
	 * Return the JDBC URL of the PostgreSQL test database, credentials included.
	 * @return the URL for {@code spring.datasource.url}
	 */
	public static String postgresUrl() {
		return reported("PostgreSQL", url(TestBackends.postgres()));
	}

	/**
	 * Return the JDBC URL of the MariaDB test database, credentials included.
	 * @return the URL for {@code spring.datasource.url}
	 */
	public static String mariaDbUrl() {
		return reported("MariaDB", url(TestBackends.mariadb()));
	}

	public static RedisEndpoint redis() {
		RedisEndpoint redis = TestBackends.redis();
		reported("Redis", redis.description());
		return redis;
	}

	/**
	 * Return a table name that no other test run uses.
	 * @param purpose what the table is for, such as {@code db}
	 * @return the table name
	 */
	public static String uniqueTable(String purpose) {
		return TestBackends.uniqueName("demo_it_" + purpose);
	}

	/**
	 * Return a Redis key prefix that no other test run uses.
	 * @param purpose what the keys are for
	 * @return the prefix, ending with {@code :}
	 */
	public static String uniqueKeyPrefix(String purpose) {
		return TestBackends.uniqueName("demo_it_" + purpose) + ":";
	}

	public static void dropPostgresTable(String table) {
		TestBackends.dropTable(TestBackends.postgres(), table);
	}

	public static void dropMariaDbTable(String table) {
		TestBackends.dropTable(TestBackends.mariadb(), table);
	}

	/**
	 * Drop the tables of the registry of each user's sessions, which a demo on PostgreSQL
	 * creates under their fixed names when its registry lives in the database.
	 */
	public static void dropPostgresRegistryTables() {
		REGISTRY_TABLES.forEach(DemoBackends::dropPostgresTable);
	}

	/**
	 * Drop the tables of the registry of each user's sessions, which a demo on MariaDB
	 * creates under their fixed names when its registry lives in the database.
	 */
	public static void dropMariaDbRegistryTables() {
		REGISTRY_TABLES.forEach(DemoBackends::dropMariaDbTable);
	}

	private static String reported(String backend, String location) {
		if (reported.add(backend)) {
			logger.info("Demo tests that need " + backend + " use " + location);
		}
		return location;
	}

	private static String url(DataSource dataSource) {
		if (dataSource instanceof HikariDataSource pool && pool.getJdbcUrl() != null) {
			return pool.getJdbcUrl();
		}
		throw new IllegalStateException("No JDBC URL in " + dataSource);
	}

}
