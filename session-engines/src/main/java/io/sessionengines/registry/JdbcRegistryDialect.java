package io.sessionengines.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * What differs between the databases that {@link JdbcSessionRegistryStore} supports: the
 * DDL, how a missing row is inserted without failing when another transaction inserts it
 * too, how a batch of expired rows is deleted, and how a timestamp is bound.
 *
 * @author Session Engines contributors
 */
enum JdbcRegistryDialect {

	H2(null),

	POSTGRESQL(null),

	/**
	 * MySQL 8: its {@code utf8mb4_bin} pads with spaces, so that {@code "alice"} and
	 * {@code "alice "} would be one user; {@code utf8mb4_0900_bin} compares every code
	 * point.
	 */
	MYSQL("utf8mb4_0900_bin"),

	/**
	 * MariaDB: its {@code utf8mb4_bin} pads with spaces too; {@code utf8mb4_nopad_bin}
	 * (10.2 and later) does not.
	 */
	MARIADB("utf8mb4_nopad_bin");

	/**
	 * The binary collation of MySQL's string columns.
	 */
	private final @Nullable String collation;

	JdbcRegistryDialect(@Nullable String collation) {
		this.collation = collation;
	}

	/**
	 * Return the statements that create the tables and their indexes, each a no-op when
	 * its table or index exists.
	 * @param sessions the session table
	 * @param principals the principal table
	 * @param revocations the revocation table
	 * @return the DDL statements
	 */
	List<String> createTables(String sessions, String principals, String revocations) {
		if (this == MYSQL || this == MARIADB) {
			// MySQL has no CREATE INDEX IF NOT EXISTS: the indexes go in the table's DDL
			String options = " ENGINE=InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE " + this.collation;
			return List.of(
					"CREATE TABLE IF NOT EXISTS " + sessions + " (" + sessionColumns("DATETIME(6)") + ", INDEX "
							+ indexName(sessions, "principal") + " (principal), INDEX "
							+ indexName(sessions, "expires_at") + " (expires_at))" + options,
					"CREATE TABLE IF NOT EXISTS " + principals + " (" + principalColumns() + ")" + options,
					"CREATE TABLE IF NOT EXISTS " + revocations + " (" + revocationColumns("DATETIME(6)") + ", INDEX "
							+ indexName(revocations, "revoked_at") + " (revoked_at))" + options);
		}
		String timestamp = (this == H2) ? "TIMESTAMP(6) WITH TIME ZONE" : "TIMESTAMP WITH TIME ZONE";
		return List.of("CREATE TABLE IF NOT EXISTS " + sessions + " (" + sessionColumns(timestamp) + ")",
				createIndex(sessions, "principal"), createIndex(sessions, "expires_at"),
				"CREATE TABLE IF NOT EXISTS " + principals + " (" + principalColumns() + ")",
				"CREATE TABLE IF NOT EXISTS " + revocations + " (" + revocationColumns(timestamp) + ")",
				createIndex(revocations, "revoked_at"));
	}

	private String sessionColumns(String timestamp) {
		return "id " + name(64) + " NOT NULL PRIMARY KEY, principal " + name(255) + " NOT NULL, session_key "
				+ name(255) + ", created_at " + timestamp + " NOT NULL, authenticated_at " + timestamp
				+ " NOT NULL, last_seen_at " + timestamp + " NOT NULL, expires_at " + timestamp
				+ " NOT NULL, user_agent VARCHAR(256), ip VARCHAR(64)";
	}

	private String principalColumns() {
		return "principal " + name(255) + " NOT NULL PRIMARY KEY, version BIGINT NOT NULL";
	}

	private String revocationColumns(String timestamp) {
		return "id " + name(64) + " NOT NULL PRIMARY KEY, revoked_at " + timestamp + " NOT NULL, expires_at "
				+ timestamp + " NOT NULL";
	}

	/**
	 * Return the type of a column compared and ordered exactly as Java compares strings.
	 */
	private String name(int length) {
		// PostgreSQL's equality is exact in every collation, but ids are listed in
		// order too: "C" orders by code point, not by the database's locale
		return "VARCHAR(" + length + ")" + ((this == POSTGRESQL) ? " COLLATE \"C\"" : "");
	}

	private static String createIndex(String table, String column) {
		return "CREATE INDEX IF NOT EXISTS " + indexName(table, column) + " ON " + table + " (" + column + ")";
	}

	private static String indexName(String table, String column) {
		return table.replace('.', '_') + "_" + column + "_idx";
	}

	/**
	 * Return a statement that inserts a principal's row with version 0 unless it exists,
	 * waiting for a concurrent insert of it instead of failing the transaction. On H2 it
	 * is a plain insert, which may fail with a duplicate key without ending the
	 * transaction.
	 * @param table the principal table
	 * @return the statement, taking the principal
	 */
	String insertPrincipalIfMissing(String table) {
		String insert = "INSERT INTO " + table + " (principal, version) VALUES (?, 0)";
		return switch (this) {
			case H2 -> insert;
			case POSTGRESQL -> insert + " ON CONFLICT (principal) DO NOTHING";
			// unlike INSERT IGNORE, which would also turn other errors into warnings
			case MYSQL, MARIADB -> insert + " ON DUPLICATE KEY UPDATE version = version";
		};
	}

	/**
	 * Return a statement that deletes at most {@code ?} rows whose {@code expires_at} is
	 * at or before {@code ?}.
	 * @param table the table, whose primary key is {@code id}
	 * @return the statement
	 */
	String deleteExpiredBatch(String table) {
		if (this == POSTGRESQL) {
			// PostgreSQL has no DELETE ... LIMIT
			return "DELETE FROM " + table + " WHERE id IN (SELECT id FROM " + table + " WHERE expires_at <= ? LIMIT ?)";
		}
		return "DELETE FROM " + table + " WHERE expires_at <= ? LIMIT ?";
	}

	/**
	 * Return the length of a string as a {@code VARCHAR} column counts it.
	 * @param value the string
	 * @return its length
	 */
	int length(String value) {
		// H2 counts UTF-16 chars; the others count code points, an emoji as one
		return (this == H2) ? value.length() : value.codePointCount(0, value.length());
	}

	/**
	 * Return the JDBC value for a timestamp.
	 * @param instant the timestamp
	 * @return the value to bind
	 */
	Object timestamp(Instant instant) {
		if (this == MYSQL || this == MARIADB) {
			// DATETIME has no time zone: store UTC, as the db engine does
			return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
		}
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	/**
	 * Read a timestamp written by {@link #timestamp(Instant)}.
	 * @param resultSet the result set
	 * @param column the column index
	 * @return the timestamp
	 * @throws SQLException if the column cannot be read
	 */
	Instant readTimestamp(ResultSet resultSet, int column) throws SQLException {
		if (this == MYSQL || this == MARIADB) {
			return resultSet.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
		}
		return resultSet.getObject(column, OffsetDateTime.class).toInstant();
	}

	static JdbcRegistryDialect of(DataSource dataSource) {
		String[] product;
		try {
			product = JdbcUtils.extractDatabaseMetaData(dataSource, (metaData) -> new String[] {
					metaData.getDatabaseProductName(), metaData.getDatabaseProductVersion() });
		}
		catch (MetaDataAccessException ex) {
			throw new IllegalStateException("Unable to read which database the session registry lives in", ex);
		}
		String name = product[0].toLowerCase(Locale.ROOT);
		if (name.contains("h2")) {
			return H2;
		}
		if (name.contains("postgres")) {
			return POSTGRESQL;
		}
		// MySQL's driver calls MariaDB "MySQL", with a version such as
		// 5.5.5-10.11.6-MariaDB
		if (name.contains("mariadb") || product[1].toLowerCase(Locale.ROOT).contains("mariadb")) {
			return MARIADB;
		}
		if (name.contains("mysql")) {
			return MYSQL;
		}
		throw new IllegalStateException("The JDBC session registry does not support " + product[0]
				+ "; it supports H2, PostgreSQL, MySQL and MariaDB");
	}

}
