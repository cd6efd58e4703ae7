package io.sessionengines.engine.db;

import java.nio.charset.StandardCharsets;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import io.sessionengines.engine.MutableClock;
import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.SessionRow;
import io.sessionengines.engine.SessionUpdateException;
import io.sessionengines.engine.signedcookies.SignedCookieSessionEngine;
import io.sessionengines.serializer.JsonSessionSerializer;
import io.sessionengines.session.Session;
import io.sessionengines.session.SessionFactory;
import io.sessionengines.session.SessionKeys;
import io.sessionengines.signing.BadSignatureException;
import io.sessionengines.signing.TimestampSigner;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link JdbcSessionEngine}: how many statements each operation costs, the
 * batched purge, and the shape of what it stores. A subclass supplies the database.
 *
 * @author Session Engines contributors
 */
public abstract class AbstractJdbcSessionEngineStatementCountTests {

	private static final String SECRET_KEY = "django-insecure-test-vector-secret";

	private static final Instant START = Instant.ofEpochSecond(1_700_000_000L);

	private final MutableClock clock = new MutableClock(START);

	private DataSource database;

	private StatementCountingDataSource dataSource;

	private JdbcSessionEngine engine;

	private SessionFactory sessions;

	/**
	 * Return the database to test on. Called before each test.
	 * @return the database
	 */
	protected abstract DataSource createDatabase();

	/**
	 * Release the database after each test.
	 * @param database the database of {@link #createDatabase()}
	 */
	protected abstract void releaseDatabase(DataSource database);

	/**
	 * Return the session table to use, which the tests create if missing and empty before
	 * each test.
	 * @return the table name
	 */
	protected abstract String table();

	@BeforeEach
	void setUp() {
		this.database = createDatabase();
		this.dataSource = new StatementCountingDataSource(this.database);
		TimestampSigner signer = new TimestampSigner(SECRET_KEY, List.of(), SessionCodec.STORED_DATA_SALT, this.clock);
		SessionExpiry expiry = new SessionExpiry(Duration.ofDays(14), false, this.clock);
		this.engine = new JdbcSessionEngine(this.dataSource, new SessionCodec(new JsonSessionSerializer(), signer),
				expiry, table());
		this.engine.createTableIfMissing();
		new JdbcTemplate(this.database).update("DELETE FROM " + table());
		this.sessions = new SessionFactory(this.engine, expiry, new JsonSessionSerializer());
		this.dataSource.reset();
	}

	@AfterEach
	void releaseDatabase() {
		releaseDatabase(this.database);
	}

	private String existingSession(Object... keysAndValues) {
		String key = SessionKeys.generate();
		this.engine.save(key, data(keysAndValues), START.plus(Duration.ofDays(1)), true);
		this.dataSource.reset();
		return key;
	}

	private static Map<String, @Nullable Object> data(Object... keysAndValues) {
		Map<String, @Nullable Object> data = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			data.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return data;
	}

	private List<String> verbs() {
		List<String> verbs = new ArrayList<>();
		for (String sql : this.dataSource.getStatements()) {
			verbs.add(sql.trim().split("\\s+")[0].toUpperCase(Locale.ROOT));
		}
		return verbs;
	}

	@Test
	void countsStatements() {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		jdbc.queryForList("SELECT 1");
		jdbc.update("DELETE FROM " + table() + " WHERE session_key = ?", "x");
		jdbc.execute("SELECT 2");
		assertThat(this.dataSource.getStatements()).containsExactly("SELECT 1",
				"DELETE FROM " + table() + " WHERE session_key = ?", "SELECT 2");
		this.dataSource.reset();
		assertThat(this.dataSource.getCount()).isZero();
	}

	@Test
	void loadIsOneSelect() {
		String key = existingSession("a", 1);
		assertThat(this.engine.load(key)).containsEntry("a", 1);
		assertThat(verbs()).containsExactly("SELECT");
	}

	@Test
	void loadOfAnUnknownKeyIsOneSelect() {
		assertThat(this.engine.load(SessionKeys.generate())).isNull();
		assertThat(verbs()).containsExactly("SELECT");
	}

	@Test
	void loadOfAKeyTooLongForTheColumnRunsNoStatement() {
		assertThat(this.engine.load("k".repeat(41))).isNull();
		assertThat(this.dataSource.getCount()).isZero();
	}

	@Test
	void createIsOneInsert() {
		this.engine.save(SessionKeys.generate(), data("a", 1), START.plusSeconds(60), true);
		assertThat(verbs()).containsExactly("INSERT");
	}

	@Test
	void createWithATakenKeyIsOneInsert() {
		String key = existingSession("a", 1);
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> this.engine.save(key, data("a", 2), START.plusSeconds(60), true));
		assertThat(verbs()).containsExactly("INSERT");
	}

	@Test
	void updateIsOneUpdate() {
		String key = existingSession("a", 1);
		this.engine.save(key, data("a", 2), START.plusSeconds(60), false);
		assertThat(verbs()).containsExactly("UPDATE");
	}

	@Test
	void deleteIsOneDelete() {
		String key = existingSession("a", 1);
		this.engine.delete(key);
		assertThat(verbs()).containsExactly("DELETE");
	}

	@Test
	void clearExpiredDeletesInBatchesOfBoundedSize() {
		this.engine.setPurgeBatchSize(10);
		List<String> live = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			String key = SessionKeys.generate();
			boolean expiring = i % 8 != 0;
			this.engine.save(key, data("n", i), expiring ? START.plusSeconds(10) : START.plusSeconds(60), true);
			if (!expiring) {
				live.add(key);
			}
		}
		this.dataSource.reset();
		this.clock.advance(Duration.ofSeconds(11));
		assertThat(this.engine.clearExpired()).hasValue(35);
		// 10, 10, 10 and 5 rows
		assertThat(verbs()).containsExactly("DELETE", "DELETE", "DELETE", "DELETE");
		assertThat(new JdbcTemplate(this.database).queryForList("SELECT session_key FROM " + table(), String.class))
			.containsExactlyInAnyOrderElementsOf(live);
		this.dataSource.reset();
		assertThat(this.engine.clearExpired()).hasValue(0);
		assertThat(verbs()).containsExactly("DELETE");
	}

	@Test
	void clearExpiredKeepsSessionsThatExpireLater() {
		String key = SessionKeys.generate();
		this.engine.save(key, data("n", 1), START.plusSeconds(10), true);
		this.clock.advance(Duration.ofSeconds(9));
		assertThat(this.engine.clearExpired()).hasValue(0);
		assertThat(this.engine.load(key)).containsEntry("n", 1);
	}

	@Test
	void expiryDateIsStoredToTheMicrosecond() {
		String key = SessionKeys.generate();
		Instant expiresAt = START.plus(Duration.ofDays(3)).plusNanos(123_456_000);
		this.engine.save(key, data("n", 1), expiresAt, true);
		assertThat(this.engine.loadRow(key)).isNotNull().extracting(SessionRow::expireDate).isEqualTo(expiresAt);
		this.clock.setInstant(expiresAt.minusNanos(1000));
		assertThat(this.engine.load(key)).containsEntry("n", 1);
		this.clock.setInstant(expiresAt);
		assertThat(this.engine.load(key)).isNull();
	}

	@Test
	void requestThatReadsAnExistingSessionRunsOneStatement() {
		String key = existingSession("user", "alice");
		Session session = this.sessions.open(key);
		assertThat(session.get("user")).isEqualTo("alice");
		assertThat(session.contains("user")).isTrue();
		assertThat(session.isModified()).isFalse();
		assertThat(verbs()).containsExactly("SELECT");
	}

	@Test
	void requestThatReadsAndWritesAnExistingSessionRunsTwoStatements() {
		String key = existingSession("user", "alice");
		Session session = this.sessions.open(key);
		assertThat(session.get("user")).isEqualTo("alice");
		session.set("visits", 2);
		session.save();
		assertThat(verbs()).containsExactly("SELECT", "UPDATE");
	}

	@Test
	void saveOfASessionUnchangedSinceItWasReadIsOneConditionalUpdate() {
		String key = existingSession("user", "alice");
		Session session = this.sessions.open(key);
		session.set("visits", 2);
		session.save();
		assertThat(this.dataSource.getStatements()).hasSize(2)
			.last()
			.asString()
			.startsWith("UPDATE")
			.contains("WHERE session_key = ? AND session_data = ");
		assertThat(this.sessions.getSaveConflicts()).isZero();
	}

	@Test
	void saveThatMeetsAConcurrentSaveCostsOneSelectAndOneMoreUpdate() {
		String key = existingSession("user", "alice");
		Session first = this.sessions.open(key);
		Session second = this.sessions.open(key);
		first.ensureLoaded();
		second.ensureLoaded();
		first.set("a", 1);
		first.save();
		this.dataSource.reset();
		second.set("b", 2);
		second.save();
		assertThat(verbs()).containsExactly("UPDATE", "SELECT", "UPDATE");
		assertThat(this.sessions.getSaveConflicts()).isOne();
		assertThat(this.engine.load(key)).containsEntry("a", 1).containsEntry("b", 2).containsEntry("user", "alice");
	}

	@Test
	void saveOfASessionDeletedSinceItWasReadIsOneUpdateAndOneSelectThenFails() {
		String key = existingSession("user", "alice");
		Session session = this.sessions.open(key);
		session.ensureLoaded();
		this.engine.delete(key);
		this.dataSource.reset();
		session.set("visits", 2);
		assertThatExceptionOfType(SessionUpdateException.class).isThrownBy(session::save);
		assertThat(verbs()).containsExactly("UPDATE", "SELECT");
		assertThat(this.engine.load(key)).isNull();
	}

	@Test
	void firstSaveOfANewSessionIsOneInsert() {
		Session session = this.sessions.open(null);
		session.set("user", "alice");
		session.save();
		assertThat(verbs()).containsExactly("INSERT");
	}

	@Test
	void sessionWithAnUnknownKeyIsReadOnceAndInsertedUnderANewKey() {
		Session session = this.sessions.open(SessionKeys.generate());
		session.set("user", "alice");
		session.save();
		assertThat(verbs()).containsExactly("SELECT", "INSERT");
	}

	@Test
	void untouchedSessionRunsNoStatement() {
		String key = existingSession("user", "alice");
		Session session = this.sessions.open(key);
		assertThat(session.getSessionKey()).isEqualTo(key);
		assertThat(session.isEmpty()).isFalse();
		assertThat(session.isAccessed()).isFalse();
		assertThat(this.dataSource.getCount()).isZero();
	}

	@Test
	void cycleKeyOfALoadedSessionIsOneInsertAndOneDelete() {
		String key = existingSession("user", "alice");
		Session session = this.sessions.open(key);
		session.get("user");
		this.dataSource.reset();
		session.cycleKey();
		assertThat(verbs()).containsExactly("INSERT", "DELETE");
	}

	@Test
	void flushIsOneDelete() {
		String key = existingSession("user", "alice");
		Session session = this.sessions.open(key);
		session.flush();
		assertThat(verbs()).containsExactly("DELETE");
	}

	@Test
	void tableHasDjangosShape() throws MetaDataAccessException {
		String table = JdbcUtils.extractDatabaseMetaData(this.database,
				(metaData) -> metaData.storesUpperCaseIdentifiers() ? table().toUpperCase(Locale.ROOT) : table());
		List<String> columns = JdbcUtils.extractDatabaseMetaData(this.database,
				(metaData) -> names(metaData.getColumns(null, null, table, null), "COLUMN_NAME"));
		assertThat(columns).containsExactly("session_key", "session_data", "expire_date");
		Integer keyLength = JdbcUtils.extractDatabaseMetaData(this.database, (metaData) -> {
			try (ResultSet rows = metaData.getColumns(null, null, table, columnName(metaData, "session_key"))) {
				rows.next();
				return rows.getInt("COLUMN_SIZE");
			}
		});
		assertThat(keyLength).isEqualTo(40);
		List<String> primaryKey = JdbcUtils.extractDatabaseMetaData(this.database,
				(metaData) -> names(metaData.getPrimaryKeys(null, null, table), "COLUMN_NAME"));
		assertThat(primaryKey).containsExactly("session_key");
		List<String> indexed = JdbcUtils.extractDatabaseMetaData(this.database,
				(metaData) -> names(metaData.getIndexInfo(null, null, table, false, false), "COLUMN_NAME"));
		assertThat(indexed).contains("expire_date");
	}

	private static String columnName(DatabaseMetaData metaData, String name) throws SQLException {
		return metaData.storesUpperCaseIdentifiers() ? name.toUpperCase(Locale.ROOT) : name;
	}

	private static List<String> names(ResultSet rows, String column) throws SQLException {
		try (rows) {
			List<String> names = new ArrayList<>();
			while (rows.next()) {
				names.add(rows.getString(column).toLowerCase(Locale.ROOT));
			}
			return names;
		}
	}

	@Test
	void storedSessionDataVerifiesWithDjangosStoredDataSalt() throws BadSignatureException {
		Session session = this.sessions.open(null);
		session.set("user", "alice");
		session.set("café", "😀");
		session.save();
		String stored = new JdbcTemplate(this.database).queryForObject(
				"SELECT session_data FROM " + table() + " WHERE session_key = ?", String.class,
				session.getSessionKey());
		TimestampSigner djangoSigner = new TimestampSigner(SECRET_KEY, List.of(),
				"django.contrib.sessions.SessionStore", this.clock);
		assertThat(new String(djangoSigner.unsign(stored, SessionCodec.DEFAULT_MAX_DATA_SIZE).data(),
				StandardCharsets.ISO_8859_1))
			.isEqualTo("{\"user\":\"alice\",\"caf\\u00e9\":\"\\ud83d\\ude00\"}");
		TimestampSigner cookieSigner = new TimestampSigner(SECRET_KEY, List.of(), SignedCookieSessionEngine.SALT,
				this.clock);
		assertThatExceptionOfType(BadSignatureException.class)
			.isThrownBy(() -> cookieSigner.unsign(stored, SessionCodec.DEFAULT_MAX_DATA_SIZE));
	}

}
