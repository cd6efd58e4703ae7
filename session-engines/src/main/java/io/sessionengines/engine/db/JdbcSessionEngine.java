package io.sessionengines.engine.db;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.sessionengines.engine.SaveResult;
import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionCreateException;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.SessionRow;
import io.sessionengines.engine.SessionRowStore;
import io.sessionengines.engine.SessionStoreUnavailableException;
import io.sessionengines.engine.SessionUpdateException;
import io.sessionengines.engine.StoredSession;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.Assert;

/**
 * Django's {@code db} engine: one row per session in a table shaped like
 * {@code django_session} (key, signed data, expire date), so that a Django application
 * can share it.
 * <p>
 * Each operation is one statement: a load is one {@code SELECT} by key that skips expired
 * rows, a save one {@code INSERT} (new session) or {@code UPDATE} (existing one), a
 * delete one {@code DELETE}. An update is a compare-and-set: its {@code WHERE} also
 * compares {@code session_data} with what the request loaded, so that a request never
 * overwrites a concurrent one's save; when it matches no row, one {@code SELECT} tells a
 * concurrent save (whose data it returns) from a deleted session. An update that finds no
 * row fails with {@link SessionUpdateException} instead of bringing a deleted session
 * back; a database that cannot be reached is reported as
 * {@link SessionStoreUnavailableException}, and no database error is ever reported as a
 * deleted session (as Django does).
 * <p>
 * The engine is also the {@link SessionRowStore} that {@code cached_db} puts a cache in
 * front of.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public final class JdbcSessionEngine implements SessionEngine, SessionRowStore {

	/**
	 * The table Django uses.
	 */
	public static final String DEFAULT_TABLE = "django_session";

	/**
	 * The regular expression of the table names this engine and the session registry
	 * accept: letters, digits and underscores, not starting with a digit, optionally
	 * qualified by a schema. Names are written into SQL as they are, so nothing else is
	 * accepted.
	 * @since 0.1.0
	 */
	public static final String TABLE_NAME_REGEX = "[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?";

	private static final Pattern TABLE_NAME = Pattern.compile(TABLE_NAME_REGEX);

	private static final int KEY_COLUMN_LENGTH = 40;

	private final DataSource dataSource;

	private final JdbcTemplate jdbc;

	private final SessionCodec codec;

	private final SessionExpiry expiry;

	private final String table;

	private volatile @Nullable JdbcDialect dialect;

	private @Nullable String compareAndUpdateSql;

	private final String selectSql;

	private final String insertSql;

	private final String updateSql;

	private final String deleteSql;

	private int purgeBatchSize = 1000;

	/**
	 * Create an engine on a table.
	 * @param dataSource where the table lives
	 * @param codec how session data is encoded in the {@code session_data} column
	 * @param expiry the expiry rules, whose clock decides what has expired
	 * @param table the table name, optionally qualified by a schema
	 */
	public JdbcSessionEngine(DataSource dataSource, SessionCodec codec, SessionExpiry expiry, String table) {
		Assert.notNull(dataSource, "'dataSource' must not be null");
		Assert.notNull(codec, "'codec' must not be null");
		Assert.notNull(expiry, "'expiry' must not be null");
		Assert.isTrue(table != null && TABLE_NAME.matcher(table).matches(),
				() -> "'table' must be a table name, optionally qualified by a schema, but was '" + table + "'");
		this.dataSource = dataSource;
		this.jdbc = new JdbcTemplate(dataSource);
		this.codec = codec;
		this.expiry = expiry;
		this.table = table;
		this.selectSql = "SELECT session_data, expire_date FROM " + table
				+ " WHERE session_key = ? AND expire_date > ?";
		this.insertSql = "INSERT INTO " + table + " (session_key, session_data, expire_date) VALUES (?, ?, ?)";
		this.updateSql = "UPDATE " + table + " SET session_data = ?, expire_date = ? WHERE session_key = ?";
		this.deleteSql = "DELETE FROM " + table + " WHERE session_key = ?";
	}

	/**
	 * Set how many expired rows one purge statement deletes, so that purging a large
	 * table never holds a long lock.
	 * @param purgeBatchSize the rows per statement
	 */
	public void setPurgeBatchSize(int purgeBatchSize) {
		Assert.isTrue(purgeBatchSize > 0, "'purgeBatchSize' must be positive");
		this.purgeBatchSize = purgeBatchSize;
	}

	/**
	 * Create the session table and its indexes unless the table exists (for example
	 * because a Django application created it), with the database's script of
	 * {@link SchemaScript#sessionTable(String)}. The table is the one Django's migration
	 * creates, down to the names of its indexes, so that Django's
	 * {@code migrate --fake-initial} takes it for its own.
	 * @return whether the table was created
	 */
	public boolean createTableIfMissing() {
		return SchemaScript.sessionTable(this.table).createIfMissing(this.dataSource);
	}

	@Override
	public SessionCodec format() {
		return this.codec;
	}

	@Override
	public @Nullable Map<String, @Nullable Object> load(String key) {
		SessionRow row = loadRow(key);
		return (row != null) ? this.codec.decodeData(key, row.data()) : null;
	}

	@Override
	public String save(String key, Map<String, @Nullable Object> data, Instant expiresAt, boolean mustCreate) {
		saveRow(key, new SessionRow(this.codec.encode(data), expiresAt), mustCreate);
		return key;
	}

	/**
	 * Load a live session with its version: the signed data as the row stores it.
	 */
	@Override
	public @Nullable StoredSession loadStored(String key) {
		SessionRow row = loadRow(key);
		return (row != null) ? this.codec.decodeStored(key, row.data()) : null;
	}

	@Override
	public SaveResult compareAndSave(String key, Map<String, @Nullable Object> data, Instant expiresAt,
			Object expectedVersion) {
		SessionRow row = new SessionRow(this.codec.encode(data), expiresAt);
		SessionRow current = compareAndSaveRow(key, row, SessionCodec.token(expectedVersion));
		return (current != null) ? this.codec.conflict(key, current.data()) : new SaveResult.Saved(row.data());
	}

	/**
	 * Update a session's row only if it still holds the given data: one {@code UPDATE}
	 * that compares {@code session_data} too, then, only when that matches no row, one
	 * {@code SELECT}.
	 */
	@Override
	public @Nullable SessionRow compareAndSaveRow(String key, SessionRow row, String expectedData) {
		Object expireDate = dialect().timestamp(row.expireDate());
		if (guarded(() -> this.jdbc.update(compareAndUpdateSql(), row.data(), expireDate, key, expectedData)) == 1) {
			return null;
		}
		SessionRow current = loadRow(key);
		if (current == null) {
			throw new SessionUpdateException("The session was deleted before it could be updated");
		}
		return current;
	}

	@Override
	public @Nullable SessionRow loadRow(String key) {
		if (key.length() > KEY_COLUMN_LENGTH) {
			return null;
		}
		List<SessionRow> rows = guarded(() -> this.jdbc.query(this.selectSql,
				(resultSet, rowNum) -> new SessionRow(resultSet.getString(1), dialect().readTimestamp(resultSet, 2)),
				key, dialect().timestamp(this.expiry.now())));
		return rows.isEmpty() ? null : rows.get(0);
	}

	/**
	 * Store a session's row: one {@code INSERT} to create it, one {@code UPDATE} to
	 * update it.
	 */
	@Override
	public void saveRow(String key, SessionRow row, boolean mustCreate) {
		Object expireDate = dialect().timestamp(row.expireDate());
		if (mustCreate) {
			try {
				guarded(() -> this.jdbc.update(this.insertSql, key, row.data(), expireDate));
			}
			catch (DuplicateKeyException ex) {
				throw new SessionCreateException("A session with this key already exists");
			}
		}
		else if (guarded(() -> this.jdbc.update(this.updateSql, row.data(), expireDate, key)) == 0) {
			throw new SessionUpdateException("The session was deleted before it could be updated");
		}
	}

	@Override
	public void delete(String key) {
		if (key.length() <= KEY_COLUMN_LENGTH) {
			guarded(() -> this.jdbc.update(this.deleteSql, key));
		}
	}

	@Override
	public OptionalLong clearExpired() {
		String sql = dialect().deleteExpiredBatch(this.table);
		Object now = dialect().timestamp(this.expiry.now());
		long removed = 0;
		int batch;
		do {
			batch = guarded(() -> this.jdbc.update(sql, now, this.purgeBatchSize));
			removed += batch;
		}
		while (batch == this.purgeBatchSize);
		return OptionalLong.of(removed);
	}

	/**
	 * Return the dialect of the database, read from it on first use, so that an engine
	 * can be created while the database is down.
	 */
	private JdbcDialect dialect() {
		JdbcDialect dialect = this.dialect;
		if (dialect == null) {
			dialect = guarded(() -> JdbcDialect.of(this.dataSource));
			// written before the dialect, whose volatile write publishes it
			this.compareAndUpdateSql = this.updateSql + " AND " + dialect.dataEquals();
			this.dialect = dialect;
		}
		return dialect;
	}

	private String compareAndUpdateSql() {
		dialect();
		String sql = this.compareAndUpdateSql;
		Assert.state(sql != null, "The dialect was read");
		return sql;
	}

	private static <T> T guarded(Supplier<T> statement) {
		try {
			return statement.get();
		}
		catch (DataAccessResourceFailureException | TransientDataAccessException ex) {
			throw new SessionStoreUnavailableException("The session database is unavailable: " + ex.getMessage(), ex);
		}
	}

}
