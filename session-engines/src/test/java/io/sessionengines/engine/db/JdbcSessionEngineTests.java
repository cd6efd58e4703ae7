package io.sessionengines.engine.db;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import io.sessionengines.engine.AbstractSessionEngineTests;
import io.sessionengines.engine.MutableClock;
import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.SessionUpdateException;
import io.sessionengines.engine.signedcookies.SignedCookieSessionEngine;
import io.sessionengines.registry.JdbcSessionRegistryStore;
import io.sessionengines.registry.SessionRegistryStore;
import io.sessionengines.session.Session;
import io.sessionengines.session.SessionKeys;
import io.sessionengines.signing.TimestampSigner;
import io.sessionengines.testsupport.TypedTestValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link JdbcSessionEngine}, on H2.
 *
 * @author Session Engines contributors
 */
class JdbcSessionEngineTests extends AbstractSessionEngineTests {

	private static final String SECRET_KEY = "django-insecure-test-vector-secret";

	/**
	 * Django's encoding of {@code {"k":"x"}} with the stored-data salt, signed at
	 * 1700000000 (§8 of the reference).
	 */
	private static final String DJANGO_STORED_DATA = "eyJrIjoieCJ9:1r31eq:TEjPDJkMYJyG4-vsC5rjHE0VLzs0S0YAFP7Eh36mpuA";

	private DataSource dataSource;

	private JdbcTemplate jdbc;

	@Override
	protected SessionRegistryStore createRegistryStore(MutableClock clock) {
		JdbcSessionRegistryStore store = new JdbcSessionRegistryStore(this.dataSource, clock);
		store.createTablesIfMissing();
		return store;
	}

	@Override
	protected SessionEngine createEngine(MutableClock clock, SessionExpiry expiry) {
		this.dataSource = H2Database.create();
		this.jdbc = new JdbcTemplate(this.dataSource);
		JdbcSessionEngine engine = new JdbcSessionEngine(this.dataSource, codec(clock), expiry,
				JdbcSessionEngine.DEFAULT_TABLE);
		engine.createTableIfMissing();
		return engine;
	}

	@AfterEach
	void shutDownDatabase() {
		H2Database.shutdown(this.dataSource);
	}

	private static SessionCodec codec(Clock clock) {
		return new SessionCodec(TypedTestValues.serializer(),
				new TimestampSigner(SECRET_KEY, List.of(), SessionCodec.STORED_DATA_SALT, clock));
	}

	private int rowCount() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM django_session", Integer.class);
	}

	private void insertRow(String key, String sessionData, Instant expireDate) {
		this.jdbc.update("INSERT INTO django_session (session_key, session_data, expire_date) VALUES (?, ?, ?)", key,
				sessionData, Timestamp.from(expireDate));
	}

	private String sessionData(String key) {
		return this.jdbc.queryForObject("SELECT session_data FROM django_session WHERE session_key = ?", String.class,
				key);
	}

	private Instant expireDate(String key) {
		return this.jdbc
			.queryForObject("SELECT expire_date FROM django_session WHERE session_key = ?", Timestamp.class, key)
			.toInstant();
	}

	@Test
	void createTableIfMissingCreatesTheTableOnlyOnce() {
		JdbcSessionEngine engine = new JdbcSessionEngine(this.dataSource, codec(clock()), expiry(), "other_sessions");
		assertThat(engine.createTableIfMissing()).isTrue();
		assertThat(engine.createTableIfMissing()).isFalse();
		String key = SessionKeys.generate();
		engine.save(key, data("a", 1), START.plus(COOKIE_AGE), true);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM other_sessions", Integer.class)).isOne();
		assertThat(rowCount()).isZero();
	}

	@Test
	void usesATableThatDjangoCreated() {
		// Django's migration, as sqlmigrate prints it (column types adapted to H2)
		this.jdbc.execute("CREATE TABLE django_app_session (session_key varchar(40) NOT NULL PRIMARY KEY, "
				+ "session_data text NOT NULL, expire_date timestamp with time zone NOT NULL)");
		this.jdbc.execute("CREATE INDEX django_app_session_expire_date_a5c62663 ON django_app_session (expire_date)");
		JdbcSessionEngine engine = new JdbcSessionEngine(this.dataSource, codec(clock()), expiry(),
				"django_app_session");
		assertThat(engine.createTableIfMissing()).isFalse();
		String key = SessionKeys.generate();
		engine.save(key, data("a", 1), START.plus(COOKIE_AGE), true);
		assertThat(engine.load(key)).containsExactly(Map.entry("a", 1));
	}

	@Test
	void acceptsASchemaQualifiedTable() {
		JdbcSessionEngine engine = new JdbcSessionEngine(this.dataSource, codec(clock()), expiry(), "PUBLIC.qualified");
		assertThat(engine.createTableIfMissing()).isTrue();
		String key = SessionKeys.generate();
		engine.save(key, data("a", 1), START.plus(COOKIE_AGE), true);
		assertThat(engine.load(key)).containsExactly(Map.entry("a", 1));
	}

	@Test
	void createsTheExpiryIndexDjangosMigrationCreates() throws MetaDataAccessException {
		// sqlmigrate sessions 0001: CREATE INDEX "django_session_expire_date_a5c62663"
		// ...
		assertThat(indexes("PUBLIC", "django_session")).containsEntry("DJANGO_SESSION_EXPIRE_DATE_A5C62663",
				List.of("EXPIRE_DATE"));
	}

	@Test
	void namesTheIndexOfATableInASchemaAfterTheTableAlone() throws MetaDataAccessException {
		// Django names the index of db_table '"myschema"."app_sessions"' after
		// app_sessions (python/django-index-names.txt)
		this.jdbc.execute("CREATE SCHEMA myschema");
		JdbcSessionEngine engine = new JdbcSessionEngine(this.dataSource, codec(clock()), expiry(),
				"myschema.app_sessions");
		assertThat(engine.createTableIfMissing()).isTrue();
		assertThat(indexes("MYSCHEMA", "app_sessions")).containsEntry("APP_SESSIONS_EXPIRE_DATE_E50349C2",
				List.of("EXPIRE_DATE"));
		String key = SessionKeys.generate();
		engine.save(key, data("a", 1), START.plus(COOKIE_AGE), true);
		assertThat(engine.load(key)).containsExactly(Map.entry("a", 1));
	}

	@Test
	void namesTheIndexOfATableWithALongNameAsDjangoDoesWithoutALimit() throws MetaDataAccessException {
		// Django's name on a database without a limit on names, such as SQLite
		// (python/django-index-names.txt):
		// md5("session_table_with_a_rather_long_name_for_"
		// "testing_truncation" "expire_date") starts with f158fa30
		String table = "session_table_with_a_rather_long_name_for_testing_truncation";
		new JdbcSessionEngine(this.dataSource, codec(clock()), expiry(), table).createTableIfMissing();
		assertThat(indexes("PUBLIC", table)).containsEntry(
				"SESSION_TABLE_WITH_A_RATHER_LONG_NAME_FOR_TESTING_TRUNCATION_EXPIRE_DATE_F158FA30",
				List.of("EXPIRE_DATE"));
	}

	/**
	 * Return the indexes of a table other than its primary key's, by name, with their
	 * columns.
	 */
	private Map<String, List<String>> indexes(String schema, String table) throws MetaDataAccessException {
		return JdbcUtils.extractDatabaseMetaData(this.dataSource, (metaData) -> {
			Map<String, List<String>> indexes = new TreeMap<>();
			try (ResultSet rows = metaData.getIndexInfo(null, schema, table.toUpperCase(Locale.ROOT), false, false)) {
				while (rows.next()) {
					if (!rows.getString("INDEX_NAME").startsWith("PRIMARY_KEY")) {
						indexes.computeIfAbsent(rows.getString("INDEX_NAME"), (name) -> new ArrayList<>())
							.add(rows.getString("COLUMN_NAME"));
					}
				}
			}
			return indexes;
		});
	}

	@Test
	void rejectsATableNameThatIsNotAnIdentifier() {
		for (String table : List.of("", "sessions; DROP TABLE users", "a.b.c", "1sessions", "sessions--",
				"\"quoted\"")) {
			assertThatIllegalArgumentException().as(table)
				.isThrownBy(() -> new JdbcSessionEngine(this.dataSource, codec(clock()), expiry(), table));
		}
	}

	@Test
	void rejectsANonPositivePurgeBatchSize() {
		JdbcSessionEngine engine = (JdbcSessionEngine) engine();
		assertThatIllegalArgumentException().isThrownBy(() -> engine.setPurgeBatchSize(0));
	}

	@Test
	void loadsSessionDataThatDjangoStored() {
		String key = SessionKeys.generate();
		insertRow(key, DJANGO_STORED_DATA, START.plus(COOKIE_AGE));
		assertThat(engine().load(key)).containsExactly(Map.entry("k", "x"));
	}

	@Test
	void storesSessionDataAsDjangoDoes() {
		String key = create(data("k", "x"));
		// same secret, salt, time and data: byte-identical to Django's row
		assertThat(sessionData(key)).isEqualTo(DJANGO_STORED_DATA);
	}

	@Test
	void storesTheExpiryDateItIsGiven() {
		String key = SessionKeys.generate();
		Instant expiresAt = START.plus(Duration.ofMinutes(90)).plusNanos(123_456_000);
		engine().save(key, data("a", 1), expiresAt, true);
		assertThat(expireDate(key)).isEqualTo(expiresAt);
		Instant later = expiresAt.plus(Duration.ofDays(1));
		engine().save(key, data("a", 2), later, false);
		assertThat(expireDate(key)).isEqualTo(later);
	}

	@Test
	void sessionSavesStoreTheirExpiryDate() {
		Session session = sessions().open(null);
		session.set("a", 1);
		session.save();
		assertThat(expireDate(session.getSessionKey())).isEqualTo(START.plus(COOKIE_AGE));
		Session custom = sessions().open(null);
		custom.setExpiry(600);
		custom.save();
		assertThat(expireDate(custom.getSessionKey())).isEqualTo(START.plusSeconds(600));
	}

	@Test
	void expiredRowIsSkippedButNotDeletedByALoad() {
		String key = create(data("a", 1));
		advanceClock(COOKIE_AGE.plusSeconds(1));
		assertThat(engine().load(key)).isNull();
		assertThat(rowCount()).isOne();
	}

	@Test
	void rowWithCorruptedDataLoadsAsNull() {
		String key = SessionKeys.generate();
		insertRow(key, "not a signed token", START.plus(COOKIE_AGE));
		assertThat(engine().load(key)).isNull();
	}

	@Test
	void rowWithTamperedDataLoadsAsNull() {
		String key = SessionKeys.generate();
		// {"k":"y"} under the signature of {"k":"x"}
		insertRow(key, DJANGO_STORED_DATA.replace("eyJrIjoieCJ9", "eyJrIjoieSJ9"), START.plus(COOKIE_AGE));
		assertThat(engine().load(key)).isNull();
	}

	@Test
	void rowSignedWithAnotherSaltLoadsAsNull() {
		String key = SessionKeys.generate();
		TimestampSigner cookieSigner = new TimestampSigner(SECRET_KEY, List.of(), SignedCookieSessionEngine.SALT,
				clock());
		insertRow(key, cookieSigner.sign("{\"k\":\"x\"}".getBytes(StandardCharsets.US_ASCII)), START.plus(COOKIE_AGE));
		assertThat(engine().load(key)).isNull();
	}

	@Test
	void rowSignedWithAnotherSecretLoadsAsNull() {
		String key = SessionKeys.generate();
		TimestampSigner otherSigner = new TimestampSigner("another-secret", List.of(), SessionCodec.STORED_DATA_SALT,
				clock());
		insertRow(key, otherSigner.sign("{\"k\":\"x\"}".getBytes(StandardCharsets.US_ASCII)), START.plus(COOKIE_AGE));
		assertThat(engine().load(key)).isNull();
	}

	@Test
	void rowWithValidlySignedDataThatIsNotAnObjectLoadsAsNull() {
		String key = SessionKeys.generate();
		TimestampSigner signer = new TimestampSigner(SECRET_KEY, List.of(), SessionCodec.STORED_DATA_SALT, clock());
		insertRow(key, signer.sign("[\"k\",\"x\"]".getBytes(StandardCharsets.US_ASCII)), START.plus(COOKIE_AGE));
		assertThat(engine().load(key)).isNull();
	}

	@Test
	void databaseErrorDuringAnUpdateIsNotReportedAsADeletedSession() {
		String key = create(data("a", 1));
		this.jdbc.execute("DROP TABLE django_session");
		assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> save(key, data("a", 2), false));
	}

	@Test
	void updateOfAnExpiredButStoredSessionSucceeds() {
		// Django's update is by key only; Session never updates a session it did not load
		String key = create(data("a", 1));
		advanceClock(COOKIE_AGE.plusSeconds(1));
		assertThat(save(key, data("a", 2), false)).isEqualTo(key);
		assertThat(engine().load(key)).containsExactly(Map.entry("a", 2));
	}

	@Test
	void deletedSessionRaisesUpdateExceptionThroughTheSession() {
		Session session = sessions().open(null);
		session.set("a", 1);
		session.save();
		this.jdbc.update("DELETE FROM django_session");
		session.set("a", 2);
		assertThatExceptionOfType(SessionUpdateException.class).isThrownBy(session::save);
		assertThat(rowCount()).isZero();
	}

	@Test
	void clearExpiredPurgesInBatches() {
		JdbcSessionEngine engine = (JdbcSessionEngine) engine();
		engine.setPurgeBatchSize(2);
		for (int i = 0; i < 5; i++) {
			create(data("n", i, SessionExpiry.EXPIRY_KEY, 10));
		}
		String live = create(data("n", "live"));
		advanceClock(Duration.ofSeconds(11));
		assertThat(engine.clearExpired()).hasValue(5);
		assertThat(rowCount()).isOne();
		assertThat(engine.load(live)).containsEntry("n", "live");
	}

	@Test
	void sessionExactlyAtItsExpiryDateIsExpired() {
		// Django's db engine loads rows whose expire_date is after now
		String key = create(data("a", 1));
		advanceClock(COOKIE_AGE);
		assertThat(engine().load(key)).isNull();
	}

}
