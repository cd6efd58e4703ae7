package io.sessionengines.engine.db;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.sessionengines.engine.AbstractSessionEngineTests;
import io.sessionengines.engine.MutableClock;
import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.registry.JdbcSessionRegistryStore;
import io.sessionengines.registry.SessionRegistryStore;
import io.sessionengines.session.SessionKeys;
import io.sessionengines.signing.TimestampSigner;
import io.sessionengines.testsupport.TestBackends;
import io.sessionengines.testsupport.TypedTestValues;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JdbcSessionEngine} on a database server: the engine contract, and what
 * Django would find in the table. A subclass supplies the database and a table of its
 * own, which it drops afterwards.
 *
 * @author Session Engines contributors
 */
public abstract class AbstractServerJdbcSessionEngineTests extends AbstractSessionEngineTests {

	/**
	 * How many instances of an application start at once on one database.
	 */
	private static final int INSTANCES = 4;

	private static final String SECRET_KEY = "django-insecure-test-vector-secret";

	/**
	 * Django's encoding of {@code {"k":"x"}} with the stored-data salt, signed at
	 * 1700000000 (§8 of the reference).
	 */
	private static final String DJANGO_STORED_DATA = "eyJrIjoieCJ9:1r31eq:TEjPDJkMYJyG4-vsC5rjHE0VLzs0S0YAFP7Eh36mpuA";

	/**
	 * A session table whose index names are longer than PostgreSQL's and MySQL's limit,
	 * so that Django shortens them.
	 */
	protected static final String LONG_TABLE = "session_table_with_a_rather_long_name_for_testing_truncation";

	private JdbcTemplate jdbc;

	/**
	 * Return the database.
	 * @return the database
	 */
	protected abstract DataSource database();

	/**
	 * Return the session table of the test class, which the tests create if missing and
	 * empty before each test.
	 * @return the table name
	 */
	protected abstract String table();

	/**
	 * Return the statements with which Django ({@code sqlmigrate sessions 0001}) creates
	 * its session table on this database.
	 * @param table the table name
	 * @return the DDL
	 */
	protected abstract List<String> djangoTable(String table);

	/**
	 * Return the statements with which Django's migration creates, in the given schema,
	 * the session table {@code django_session} and the session table
	 * {@value #LONG_TABLE}, whose index names Django shortens.
	 * @param schema the schema (the database, on MySQL and MariaDB)
	 * @return the DDL
	 */
	protected abstract List<String> djangoTablesInSchema(String schema);

	/**
	 * Return the statement that drops a schema and everything in it.
	 * @param schema the schema
	 * @return the statement
	 */
	protected abstract String dropSchema(String schema);

	/**
	 * Return what the database says of a table's columns and indexes, in a form that does
	 * not name the table's schema.
	 * @param jdbc the database
	 * @param schema the schema
	 * @param table the table
	 * @return the definition
	 */
	protected abstract List<String> tableDefinition(JdbcTemplate jdbc, String schema, String table);

	/**
	 * Return an SQL expression that shows {@code expire_date} in UTC as
	 * {@code YYYY-MM-DD HH:MM:SS.ffffff}.
	 * @return the expression
	 */
	protected abstract String expireDateInUtc();

	/**
	 * Return an SQL expression for a timestamp as Django stores it.
	 * @param utc the date and time in UTC, as {@code YYYY-MM-DD HH:MM:SS}
	 * @return the expression
	 */
	protected abstract String utcTimestamp(String utc);

	@Override
	protected SessionRegistryStore createRegistryStore(MutableClock clock) {
		JdbcSessionRegistryStore store = new JdbcSessionRegistryStore(database(), clock, registryTablePrefix(table()));
		store.createTablesIfMissing();
		return store;
	}

	/**
	 * Return the start of the names of the registry's tables for a session table.
	 * @param table the session table
	 * @return the prefix
	 */
	protected static String registryTablePrefix(String table) {
		return table + "_r";
	}

	/**
	 * Drop the session table and the registry's tables.
	 * @param database the database
	 * @param table the session table
	 */
	protected static void dropTables(DataSource database, String table) {
		TestBackends.dropTable(database, table);
		String prefix = registryTablePrefix(table);
		for (String registryTable : List.of(prefix, prefix + "_principal", prefix + "_revocation")) {
			TestBackends.dropTable(database, registryTable);
		}
	}

	@Override
	protected SessionEngine createEngine(MutableClock clock, SessionExpiry expiry) {
		this.jdbc = new JdbcTemplate(database());
		JdbcSessionEngine engine = new JdbcSessionEngine(database(), codec(clock), expiry, table());
		engine.createTableIfMissing();
		this.jdbc.update("DELETE FROM " + table());
		return engine;
	}

	private static SessionCodec codec(Clock clock) {
		return new SessionCodec(TypedTestValues.serializer(),
				new TimestampSigner(SECRET_KEY, List.of(), SessionCodec.STORED_DATA_SALT, clock));
	}

	@Test
	void storesSessionDataAsDjangoDoes() {
		String key = create(data("k", "x"));
		assertThat(this.jdbc.queryForObject("SELECT session_data FROM " + table() + " WHERE session_key = ?",
				String.class, key))
			.isEqualTo(DJANGO_STORED_DATA);
	}

	@Test
	void storesTheExpiryDateInUtcToTheMicrosecond() {
		String key = SessionKeys.generate();
		engine().save(key, data("k", "x"), Instant.parse("2023-11-28T22:13:20.123456Z"), true);
		assertThat(this.jdbc.queryForObject(
				"SELECT " + expireDateInUtc() + " FROM " + table() + " WHERE session_key = ?", String.class, key))
			.isEqualTo("2023-11-28 22:13:20.123456");
	}

	@Test
	void createsTheTablesDjangosMigrationCreatesDownToTheNamesOfTheirIndexes() {
		String djangoSchema = TestBackends.uniqueName("django_it");
		String schema = TestBackends.uniqueName("session_it");
		try {
			this.jdbc.execute("CREATE SCHEMA " + djangoSchema);
			this.jdbc.execute("CREATE SCHEMA " + schema);
			djangoTablesInSchema(djangoSchema).forEach(this.jdbc::execute);
			for (String table : List.of(JdbcSessionEngine.DEFAULT_TABLE, LONG_TABLE)) {
				JdbcSessionEngine engine = new JdbcSessionEngine(database(), codec(clock()), expiry(),
						schema + "." + table);
				assertThat(engine.createTableIfMissing()).isTrue();
				assertThat(tableDefinition(this.jdbc, schema, table)).as(table)
					.isNotEmpty()
					.isEqualTo(tableDefinition(this.jdbc, djangoSchema, table));
			}
		}
		finally {
			this.jdbc.execute(dropSchema(djangoSchema));
			this.jdbc.execute(dropSchema(schema));
		}
	}

	@Test
	void instancesThatStartAtOnceCreateTheSessionTableTogether() throws Exception {
		for (int round = 0; round < 5; round++) {
			startAtOnce(TestBackends.uniqueName("session_it"));
		}
	}

	private void startAtOnce(String table) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(INSTANCES);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Boolean>> starts = new ArrayList<>();
			for (int i = 0; i < INSTANCES; i++) {
				starts.add(executor.submit(() -> {
					start.await();
					return SchemaScript.sessionTable(table).createIfMissing(database());
				}));
			}
			start.countDown();
			for (Future<Boolean> started : starts) {
				started.get(60, TimeUnit.SECONDS);
			}
			JdbcSessionEngine engine = new JdbcSessionEngine(database(), codec(clock()), expiry(), table);
			String key = engine.save(SessionKeys.generate(), data("a", 1), START.plus(COOKIE_AGE), true);
			assertThat(engine.load(key)).containsExactly(Map.entry("a", 1));
		}
		finally {
			executor.shutdownNow();
			TestBackends.dropTable(database(), table);
		}
	}

	@Test
	void usesATableThatDjangoCreatedAndTheSessionsDjangoStored() {
		String table = TestBackends.uniqueName("django_session_it");
		try {
			djangoTable(table).forEach(this.jdbc::execute);
			JdbcSessionEngine engine = new JdbcSessionEngine(database(), codec(clock()), expiry(), table);
			assertThat(engine.createTableIfMissing()).isFalse();
			// {"k":"x"} as Django stores it, saved at START: it expires 14 days later
			String stored = SessionKeys.generate();
			this.jdbc.update("INSERT INTO " + table + " (session_key, session_data, expire_date) VALUES (?, ?, "
					+ utcTimestamp("2023-11-28 22:13:20") + ")", stored, DJANGO_STORED_DATA);
			assertThat(engine.load(stored)).containsExactly(Map.entry("k", "x"));
			String saved = engine.save(SessionKeys.generate(), data("a", 1), START.plus(COOKIE_AGE), true);
			engine.save(saved, data("a", 2), START.plus(COOKIE_AGE), false);
			clock().setInstant(Instant.parse("2023-11-28T22:13:19.999999Z"));
			assertThat(engine.load(stored)).containsExactly(Map.entry("k", "x"));
			assertThat(engine.load(saved)).containsExactly(Map.entry("a", 2));
			assertThat(engine.clearExpired()).hasValue(0);
			clock().setInstant(Instant.parse("2023-11-28T22:13:20.000001Z"));
			assertThat(engine.load(stored)).isNull();
			assertThat(engine.clearExpired()).hasValue(2);
		}
		finally {
			TestBackends.dropTable(database(), table);
		}
	}

}
