package io.sessionengines.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.SessionStoreUnavailableException;
import io.sessionengines.engine.db.JdbcSessionEngine;
import io.sessionengines.engine.db.SchemaScript;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * A {@link SessionRegistryStore} in a database, through spring-jdbc, for an application
 * that runs as several instances: H2, PostgreSQL, MySQL 8 and MariaDB 10.2 or later.
 * <p>
 * It keeps three tables, named after a prefix ({@value #DEFAULT_TABLE_PREFIX} by
 * default), which {@link #createTablesIfMissing()} creates:
 * <ul>
 * <li>{@code session_registry}: one row per registered session, indexed by principal and
 * by expiry;</li>
 * <li>{@code session_registry_principal}: one row per user with the version of the user's
 * sessions;</li>
 * <li>{@code session_registry_revocation}: one row per revoked signed-cookie session,
 * indexed by the time of revocation.</li>
 * </ul>
 * Principals and ids are compared exactly: {@code "alice"}, {@code "ALICE"} and
 * {@code "alice "} are three users, on MySQL and MariaDB too (whose string columns get a
 * binary collation that does not pad with spaces). Strings are Unicode ({@code utf8mb4}
 * on MySQL and MariaDB).
 * <p>
 * Every change to a user's sessions runs in one transaction that first locks the user's
 * principal row ({@code SELECT ... FOR UPDATE}, inserting the row when it is missing):
 * {@link #register} compares the version under that lock, so that of two logins racing
 * for the user's last free place, one waits for the other and then finds the version
 * changed. A removal reads the session row under the lock too, so that of two callers
 * that remove one session, the second finds no row. Locks are always taken users first,
 * then sessions; a deadlock that remains possible (two sessions moving between two users
 * in opposite directions at once, or a purge) is retried.
 * <p>
 * A version is never given to a user's sessions twice, even after the user's principal
 * row was deleted: a row starts at version 0 (what {@link #find} answers for a user
 * without one), its first change sets it above the highest version of any deleted
 * principal row (held in a reserved row of the principal table, whose principal is the
 * empty string, which no user can have), and later changes add one.
 * {@link #purgeExpired()} deletes the principal rows of users without sessions and raises
 * that floor in the same transaction.
 * <p>
 * What has expired is decided by the given clock, never by the database's, so that the
 * instances and the database need not agree on the time. Times are kept to the
 * microsecond. A database that cannot be reached is reported as
 * {@link SessionStoreUnavailableException}.
 *
 * @author Session Engines contributors
 * @since 0.3.0
 */
public final class JdbcSessionRegistryStore implements SessionRegistryStore {

	/**
	 * The prefix of the default table names: {@code session_registry},
	 * {@code session_registry_principal} and {@code session_registry_revocation}.
	 */
	public static final String DEFAULT_TABLE_PREFIX = "session_registry";

	private static final Pattern TABLE_NAME = Pattern.compile(JdbcSessionEngine.TABLE_NAME_REGEX);

	/**
	 * The longest prefix whose longest index name
	 * ({@code <prefix>_revocation_revoked_at_idx}) fits PostgreSQL's 63 characters.
	 */
	private static final int MAX_PREFIX_LENGTH = 37;

	private static final int ID_LENGTH = 64;

	private static final int PRINCIPAL_LENGTH = 255;

	private static final int KEY_LENGTH = 255;

	private static final int USER_AGENT_LENGTH = 256;

	private static final int IP_LENGTH = 64;

	/**
	 * The principal of the row that holds the highest version of any deleted principal
	 * row: the empty string, which a {@link RegisteredSession} cannot have.
	 */
	private static final String VERSION_FLOOR = "";

	/**
	 * How many times a transaction is tried when it loses a deadlock or a race to insert
	 * a row.
	 */
	private static final int MAX_ATTEMPTS = 3;

	/**
	 * How many times a session row may move to another user while a transaction locks its
	 * user before the transaction starts over.
	 */
	private static final int MAX_MOVES = 5;

	/**
	 * The most ids bound in one {@code IN} list.
	 */
	private static final int IN_LIST_SIZE = 100;

	/**
	 * How many times {@link #removeExpired(int)} looks again for expired sessions when
	 * other instances removed those it found.
	 */
	private static final int MAX_EXPIRED_ROUNDS = 16;

	/**
	 * Reads a principal row's version, a {@code NOT NULL} column.
	 */
	private static final RowMapper<Long> VERSION = (resultSet, rowNum) -> resultSet.getLong(1);

	private static final String SESSION_COLUMNS = "id, principal, session_key, created_at, authenticated_at, "
			+ "last_seen_at, expires_at, user_agent, ip";

	private final DataSource dataSource;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private volatile @Nullable JdbcRegistryDialect dialect;

	private final String sessionTable;

	private final String principalTable;

	private final String revocationTable;

	private int purgeBatchSize = 1000;

	/**
	 * Create a store on the default tables.
	 * @param dataSource where the tables live
	 * @param clock the clock that decides what has expired
	 */
	public JdbcSessionRegistryStore(DataSource dataSource, Clock clock) {
		this(dataSource, clock, DEFAULT_TABLE_PREFIX);
	}

	/**
	 * Create a store on tables named after a prefix: {@code <prefix>},
	 * {@code <prefix>_principal} and {@code <prefix>_revocation}.
	 * @param dataSource where the tables live
	 * @param clock the clock that decides what has expired
	 * @param tablePrefix the prefix, optionally qualified by a schema, at most 37
	 * characters
	 */
	public JdbcSessionRegistryStore(DataSource dataSource, Clock clock, String tablePrefix) {
		Assert.notNull(dataSource, "'dataSource' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		Assert.isTrue(
				tablePrefix != null && TABLE_NAME.matcher(tablePrefix).matches()
						&& tablePrefix.length() <= MAX_PREFIX_LENGTH,
				() -> "'tablePrefix' must be a table name, optionally qualified by a schema, of at most "
						+ MAX_PREFIX_LENGTH + " characters, but was '" + tablePrefix + "'");
		this.dataSource = dataSource;
		this.jdbc = new JdbcTemplate(dataSource);
		this.transactions = new TransactionTemplate(new JdbcTransactionManager(dataSource));
		// each statement sees what committed before it, which the floor and the
		// checks after a lock rely on (MySQL's default, REPEATABLE READ, would not)
		this.transactions.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
		this.clock = clock;
		this.sessionTable = tablePrefix;
		this.principalTable = tablePrefix + "_principal";
		this.revocationTable = tablePrefix + "_revocation";
	}

	/**
	 * Set how many expired rows one purge statement deletes, so that purging large tables
	 * never holds a long lock.
	 * @param purgeBatchSize the rows per statement
	 */
	public void setPurgeBatchSize(int purgeBatchSize) {
		Assert.isTrue(purgeBatchSize > 0, "'purgeBatchSize' must be positive");
		this.purgeBatchSize = purgeBatchSize;
	}

	/**
	 * Create the tables and their indexes unless they all exist, with the database's
	 * script of {@link SchemaScript#registryTables(String)}. Instances that start at once
	 * may all call it: each statement does nothing when its table or index exists.
	 * @return whether a table was missing
	 */
	public boolean createTablesIfMissing() {
		return SchemaScript.registryTables(this.sessionTable).createIfMissing(this.dataSource);
	}

	@Override
	public PrincipalSessions find(String principal, int limit) {
		Assert.isTrue(limit > 0, "'limit' must be positive");
		if (!StringUtils.hasText(principal)) {
			return new PrincipalSessions(0, List.of());
		}
		Object now = timestamp(this.clock.instant());
		return guarded(() -> {
			// the version first: a change after it changes the version, so that
			// register(..., version, ...) fails instead of trusting sessions it did not
			// see
			long version = version(principal);
			List<RegisteredSession> sessions = this.jdbc.query(
					"SELECT " + SESSION_COLUMNS + " FROM " + this.sessionTable
							+ " WHERE principal = ? AND expires_at > ? ORDER BY created_at DESC, id ASC LIMIT ?",
					this::session, principal, now, limit);
			return new PrincipalSessions(version, sessions);
		});
	}

	@Override
	public @Nullable RegisteredSession findById(String id) {
		Object now = timestamp(this.clock.instant());
		List<RegisteredSession> sessions = guarded(() -> this.jdbc.query(
				"SELECT " + SESSION_COLUMNS + " FROM " + this.sessionTable + " WHERE id = ? AND expires_at > ?",
				this::session, id, now));
		return sessions.isEmpty() ? null : sessions.get(0);
	}

	/**
	 * Add a session in one transaction: lock its user's principal row, compare the
	 * version, delete the sessions to remove, insert or replace the session's row (and
	 * change the version of a user it is taken from), and change the version.
	 * @throws IllegalArgumentException if a value is longer than its column: 64
	 * characters for the id, 255 for the principal and the key, 256 for the user agent,
	 * 64 for the address
	 */
	@Override
	public @Nullable List<RegisteredSession> register(RegisteredSession session, long expectedVersion,
			Collection<String> removeIds) {
		Assert.notNull(session, "'session' must not be null");
		Assert.notNull(removeIds, "'removeIds' must not be null");
		checkLength("id", session.id(), ID_LENGTH);
		checkLength("principal", session.principal(), PRINCIPAL_LENGTH);
		checkLength("key", session.key(), KEY_LENGTH);
		checkLength("userAgent", session.userAgent(), USER_AGENT_LENGTH);
		checkLength("ip", session.ip(), IP_LENGTH);
		List<String> others = new ArrayList<>(new LinkedHashSet<>(removeIds));
		others.remove(session.id());
		String principal = session.principal();
		return inTransaction((status) -> {
			Map<String, Long> locked = new HashMap<>();
			long version = lockPrincipal(principal);
			if (expectedVersion != ANY_VERSION && expectedVersion != version) {
				status.setRollbackOnly();
				return null;
			}
			locked.put(principal, version);
			Instant now = this.clock.instant();
			RegisteredSession existing = lockSession(session.id(), locked);
			List<RegisteredSession> removed = deleteSessions(principal, others, now);
			if (existing != null) {
				this.jdbc.update("UPDATE " + this.sessionTable + " SET principal = ?, session_key = ?, created_at = ?, "
						+ "authenticated_at = ?, last_seen_at = ?, expires_at = ?, user_agent = ?, ip = ? WHERE id = ?",
						principal, session.key(), timestamp(session.createdAt()), timestamp(session.authenticatedAt()),
						timestamp(session.lastSeenAt()), timestamp(session.expiresAt()), session.userAgent(),
						session.ip(), session.id());
				if (!existing.principal().equals(principal)) {
					changeVersion(existing.principal(), lockedVersion(locked, existing.principal()));
				}
			}
			else {
				// a concurrent insert of this id (by another user: one user's are
				// serialized by its lock) fails this one, and the transaction starts over
				this.jdbc.update(
						"INSERT INTO " + this.sessionTable + " (" + SESSION_COLUMNS
								+ ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
						session.id(), principal, session.key(), timestamp(session.createdAt()),
						timestamp(session.authenticatedAt()), timestamp(session.lastSeenAt()),
						timestamp(session.expiresAt()), session.userAgent(), session.ip());
			}
			changeVersion(principal, version);
			return removed;
		});
	}

	@Override
	public @Nullable RegisteredSession remove(String id) {
		return inTransaction((status) -> {
			Map<String, Long> locked = new HashMap<>();
			RegisteredSession session = lockSession(id, locked);
			if (session == null) {
				return null;
			}
			// an expired session is deleted too, and changes the version, but is not
			// reported: it had ended
			this.jdbc.update("DELETE FROM " + this.sessionTable + " WHERE id = ?", id);
			changeVersion(session.principal(), lockedVersion(locked, session.principal()));
			return isLive(session, this.clock.instant()) ? session : null;
		});
	}

	@Override
	public List<RegisteredSession> removeAll(String principal, @Nullable String exceptId) {
		if (!StringUtils.hasText(principal)) {
			return List.of();
		}
		String where = " WHERE principal = ?" + ((exceptId != null) ? " AND id <> ?" : "");
		Object[] arguments = (exceptId != null) ? new Object[] { principal, exceptId } : new Object[] { principal };
		return inTransaction((status) -> {
			Long version = lockedVersion(principal);
			if (version == null) {
				// sessions are only added under their user's row
				return List.of();
			}
			List<RegisteredSession> sessions = this.jdbc.query(
					"SELECT " + SESSION_COLUMNS + " FROM " + this.sessionTable + where + " FOR UPDATE", this::session,
					arguments);
			if (sessions.isEmpty()) {
				return List.of();
			}
			// the rows read: no other can be added while the user's row is locked
			this.jdbc.update("DELETE FROM " + this.sessionTable + where, arguments);
			changeVersion(principal, version);
			Instant now = this.clock.instant();
			return sessions.stream().filter((session) -> isLive(session, now)).toList();
		});
	}

	@Override
	public boolean update(String id, @Nullable String key, Instant lastSeenAt, @Nullable Instant expiresAt) {
		Assert.notNull(lastSeenAt, "'lastSeenAt' must not be null");
		checkLength("key", key, KEY_LENGTH);
		StringBuilder sql = new StringBuilder("UPDATE " + this.sessionTable + " SET last_seen_at = ?");
		List<Object> arguments = new ArrayList<>();
		arguments.add(timestamp(lastSeenAt));
		if (key != null) {
			sql.append(", session_key = ?");
			arguments.add(key);
		}
		if (expiresAt != null) {
			sql.append(", expires_at = ?");
			arguments.add(timestamp(expiresAt));
		}
		// a row that expired is not brought back
		sql.append(" WHERE id = ? AND expires_at > ?");
		arguments.add(id);
		arguments.add(timestamp(this.clock.instant()));
		return guarded(() -> this.jdbc.update(sql.toString(), arguments.toArray())) > 0;
	}

	/**
	 * Remember that a signed-cookie session was ended. Revoking an id again records the
	 * new time of revocation, so that other instances learn of it again, and keeps the
	 * later of the two times until which it is in force.
	 */
	@Override
	public void revoke(String id, Instant until) {
		Assert.hasText(id, "'id' must not be empty");
		Assert.notNull(until, "'until' must not be null");
		checkLength("id", id, ID_LENGTH);
		Object revokedAt = timestamp(this.clock.instant());
		Object expiresAt = timestamp(until);
		// two first revocations of an id at once: one insert fails, and its
		// transaction starts over as an update
		inTransaction((status) -> {
			if (this.jdbc.update(
					"UPDATE " + this.revocationTable
							+ " SET revoked_at = ?, expires_at = GREATEST(expires_at, ?) WHERE id = ?",
					revokedAt, expiresAt, id) == 0) {
				this.jdbc.update(
						"INSERT INTO " + this.revocationTable + " (id, revoked_at, expires_at) VALUES (?, ?, ?)", id,
						revokedAt, expiresAt);
			}
			return null;
		});
	}

	@Override
	public List<Revocation> revocations(Instant since) {
		Assert.notNull(since, "'since' must not be null");
		Object now = timestamp(this.clock.instant());
		return guarded(() -> this.jdbc.query(
				"SELECT id, expires_at FROM " + this.revocationTable + " WHERE revoked_at >= ? AND expires_at > ?",
				(resultSet, rowNum) -> new Revocation(resultSet.getString(1), dialect().readTimestamp(resultSet, 2)),
				timestamp(since), now));
	}

	/**
	 * Remove expired sessions, soonest expired first, each in a transaction of its own
	 * under its user's lock.
	 */
	@Override
	public List<RegisteredSession> removeExpired(int limit) {
		Assert.isTrue(limit > 0, "'limit' must be positive");
		List<RegisteredSession> removed = new ArrayList<>();
		// looked for again while other instances took some of those found, a few times
		for (int round = 0; round < MAX_EXPIRED_ROUNDS && removed.size() < limit; round++) {
			Object now = timestamp(this.clock.instant());
			int wanted = limit - removed.size();
			List<String> ids = guarded(() -> this.jdbc.queryForList(
					"SELECT id FROM " + this.sessionTable + " WHERE expires_at <= ? ORDER BY expires_at LIMIT ?",
					String.class, now, wanted));
			for (String id : ids) {
				RegisteredSession session = removeIfExpired(id);
				if (session != null) {
					removed.add(session);
				}
			}
			if (ids.size() < wanted) {
				break;
			}
		}
		return removed;
	}

	/**
	 * Remove a session if it has expired, under its user's lock, as any removal: of two
	 * instances that remove it, the second finds no row.
	 */
	private @Nullable RegisteredSession removeIfExpired(String id) {
		return inTransaction((status) -> {
			Map<String, Long> locked = new HashMap<>();
			RegisteredSession expired = lockSession(id, locked);
			if (expired == null || isLive(expired, this.clock.instant())) {
				return null;
			}
			this.jdbc.update("DELETE FROM " + this.sessionTable + " WHERE id = ?", id);
			changeVersion(expired.principal(), lockedVersion(locked, expired.principal()));
			return expired;
		});
	}

	/**
	 * Delete lapsed revocations, in batches of {@link #setPurgeBatchSize(int) the purge
	 * batch size}, then the principal rows of users left without sessions (raising the
	 * version floor so that their versions are not given again).
	 * @return how many revocations were deleted (principal rows are not counted)
	 */
	@Override
	public long purgeExpired() {
		long purged = deleteExpired(this.revocationTable, timestamp(this.clock.instant()));
		forgetUsersWithoutSessions();
		return purged;
	}

	private long deleteExpired(String table, Object now) {
		String sql = dialect().deleteExpiredBatch(table);
		long deleted = 0;
		int batch;
		do {
			batch = guarded(() -> this.jdbc.update(sql, now, this.purgeBatchSize));
			deleted += batch;
		}
		while (batch == this.purgeBatchSize);
		return deleted;
	}

	private void forgetUsersWithoutSessions() {
		String idle = "SELECT principal FROM " + this.principalTable + " WHERE principal <> ? AND NOT EXISTS "
				+ "(SELECT 1 FROM " + this.sessionTable + " s WHERE s.principal = " + this.principalTable
				+ ".principal) LIMIT ?";
		while (true) {
			List<String> principals = guarded(
					() -> this.jdbc.queryForList(idle, String.class, VERSION_FLOOR, this.purgeBatchSize));
			if (principals.isEmpty()) {
				return;
			}
			int deleted = inTransaction((status) -> forget(principals));
			if (principals.size() < this.purgeBatchSize || deleted == 0) {
				return;
			}
		}
	}

	/**
	 * Delete principal rows of users without sessions, and raise the floor above their
	 * versions, in one transaction.
	 */
	private int forget(List<String> principals) {
		long floor = lockPrincipal(VERSION_FLOOR);
		String in = placeholders(principals.size());
		// locked in one order (the key's), and only then checked: a login that got its
		// lock first has committed its session, one that waits for it finds the row gone
		List<Long> versions = this.jdbc.query("SELECT version FROM " + this.principalTable + " WHERE principal IN ("
				+ in + ") ORDER BY principal FOR UPDATE", VERSION, principals.toArray());
		int deleted = this.jdbc.update(
				"DELETE FROM " + this.principalTable + " WHERE principal IN (" + in + ") AND NOT EXISTS (SELECT 1 FROM "
						+ this.sessionTable + " s WHERE s.principal = " + this.principalTable + ".principal)",
				principals.toArray());
		long highest = versions.stream().mapToLong(Long::longValue).max().orElse(0);
		if (deleted > 0 && highest > floor) {
			this.jdbc.update("UPDATE " + this.principalTable + " SET version = ? WHERE principal = ?", highest,
					VERSION_FLOOR);
		}
		return deleted;
	}

	/**
	 * Lock a user's principal row, inserting it with version 0 when it is missing.
	 * @return the version
	 */
	private long lockPrincipal(String principal) {
		Long version = lockedVersion(principal);
		if (version != null) {
			return version;
		}
		try {
			this.jdbc.update(dialect().insertPrincipalIfMissing(this.principalTable), principal);
		}
		catch (DuplicateKeyException ex) {
			// H2: another transaction inserted it; the statement failed, not the
			// transaction
		}
		version = lockedVersion(principal);
		if (version == null) {
			// another transaction inserted it and has not committed yet
			throw new CannotAcquireLockException("The principal row was being inserted by another transaction");
		}
		return version;
	}

	private @Nullable Long lockedVersion(String principal) {
		List<Long> versions = this.jdbc.query(
				"SELECT version FROM " + this.principalTable + " WHERE principal = ? FOR UPDATE", VERSION, principal);
		return versions.isEmpty() ? null : versions.get(0);
	}

	private long version(String principal) {
		List<Long> versions = this.jdbc.query("SELECT version FROM " + this.principalTable + " WHERE principal = ?",
				VERSION, principal);
		return versions.isEmpty() ? 0 : versions.get(0);
	}

	/**
	 * The version of a principal row that this transaction locked.
	 * @param locked the principal rows locked so far, by principal, with their versions
	 * @param principal the user whose row was locked
	 * @return the version the row had when it was locked
	 */
	private static long lockedVersion(Map<String, Long> locked, String principal) {
		Long version = locked.get(principal);
		Assert.state(version != null, () -> "The principal row of '" + principal + "' is not locked");
		return version;
	}

	/**
	 * Give a locked principal row a version it never had: one more than its version, or,
	 * for a row that was just inserted, one more than the highest version of any deleted
	 * principal row.
	 */
	private void changeVersion(String principal, long version) {
		long next = ((version != 0) ? version : version(VERSION_FLOOR)) + 1;
		this.jdbc.update("UPDATE " + this.principalTable + " SET version = ? WHERE principal = ?", next, principal);
	}

	/**
	 * Lock a session's row, after its user's principal row (the order every transaction
	 * takes its locks in), and return it as it is now.
	 * @param id the session's id
	 * @param locked the principal rows locked so far, by principal, with their versions;
	 * the session's user's is added
	 * @return the row, or {@code null} when there is none
	 */
	private @Nullable RegisteredSession lockSession(String id, Map<String, Long> locked) {
		List<@Nullable String> owners = this.jdbc
			.queryForList("SELECT principal FROM " + this.sessionTable + " WHERE id = ?", String.class, id);
		String owner = owners.isEmpty() ? null : owners.get(0);
		for (int moves = 0; moves < MAX_MOVES; moves++) {
			if (owner == null) {
				return null;
			}
			if (!locked.containsKey(owner)) {
				locked.put(owner, lockPrincipal(owner));
			}
			List<RegisteredSession> sessions = this.jdbc.query(
					"SELECT " + SESSION_COLUMNS + " FROM " + this.sessionTable + " WHERE id = ? FOR UPDATE",
					this::session, id);
			RegisteredSession session = sessions.isEmpty() ? null : sessions.get(0);
			if (session == null || session.principal().equals(owner)) {
				return session;
			}
			// it moved to another user before this transaction locked the first
			owner = session.principal();
		}
		throw new CannotAcquireLockException("The session kept moving to other users");
	}

	/**
	 * Delete some of a locked user's sessions.
	 * @return the live ones among them
	 */
	private List<RegisteredSession> deleteSessions(String principal, List<String> ids, Instant now) {
		List<RegisteredSession> removed = new ArrayList<>();
		for (int start = 0; start < ids.size(); start += IN_LIST_SIZE) {
			List<String> chunk = ids.subList(start, Math.min(ids.size(), start + IN_LIST_SIZE));
			String where = " WHERE principal = ? AND id IN (" + placeholders(chunk.size()) + ")";
			Object[] arguments = new Object[chunk.size() + 1];
			arguments[0] = principal;
			System.arraycopy(chunk.toArray(), 0, arguments, 1, chunk.size());
			List<RegisteredSession> sessions = this.jdbc.query(
					"SELECT " + SESSION_COLUMNS + " FROM " + this.sessionTable + where + " FOR UPDATE", this::session,
					arguments);
			if (!sessions.isEmpty()) {
				this.jdbc.update("DELETE FROM " + this.sessionTable + where, arguments);
				sessions.stream().filter((session) -> isLive(session, now)).forEach(removed::add);
			}
		}
		return removed;
	}

	private RegisteredSession session(ResultSet resultSet, int rowNum) throws SQLException {
		return new RegisteredSession(resultSet.getString(1), resultSet.getString(2), resultSet.getString(3),
				dialect().readTimestamp(resultSet, 4), dialect().readTimestamp(resultSet, 5),
				dialect().readTimestamp(resultSet, 6), dialect().readTimestamp(resultSet, 7), resultSet.getString(8),
				resultSet.getString(9));
	}

	private Object timestamp(Instant instant) {
		return dialect().timestamp(SessionExpiry.clamp(instant));
	}

	private static boolean isLive(RegisteredSession session, Instant now) {
		return session.expiresAt().isAfter(now);
	}

	private static String placeholders(int count) {
		return String.join(", ", Collections.nCopies(count, "?"));
	}

	private void checkLength(String name, @Nullable String value, int maxLength) {
		Assert.isTrue(value == null || dialect().length(value) <= maxLength,
				() -> "'" + name + "' must be at most " + maxLength + " characters long");
	}

	/**
	 * Run a transaction, again when it lost a deadlock or a race to insert a row.
	 */
	private <T extends @Nullable Object> T inTransaction(TransactionCallback<T> action) {
		return guarded(() -> {
			for (int attempt = 1;; attempt++) {
				try {
					return this.transactions.execute(action);
				}
				catch (PessimisticLockingFailureException | DuplicateKeyException ex) {
					if (attempt == MAX_ATTEMPTS) {
						throw ex;
					}
				}
			}
		});
	}

	/**
	 * Return the dialect of the database, read from it on first use, so that a store can
	 * be created while the database is down.
	 */
	private JdbcRegistryDialect dialect() {
		JdbcRegistryDialect dialect = this.dialect;
		if (dialect == null) {
			dialect = guarded(() -> JdbcRegistryDialect.of(this.dataSource));
			this.dialect = dialect;
		}
		return dialect;
	}

	private static <T extends @Nullable Object> T guarded(Supplier<T> statement) {
		try {
			return statement.get();
		}
		catch (DataAccessResourceFailureException | TransientDataAccessException | CannotCreateTransactionException
				| TransactionSystemException ex) {
			// no connection, or a timeout, or a deadlock lost every time: not a logout
			throw new SessionStoreUnavailableException(
					"The session registry database is unavailable: " + ex.getMessage(), ex);
		}
	}

}
