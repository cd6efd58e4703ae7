package io.sessionengines.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

import javax.sql.DataSource;

import io.sessionengines.engine.db.SchemaScript;

/**
 * What differs between the databases that {@link JdbcSessionRegistryStore} supports
 * (whose tables {@link SchemaScript#registryTables(String)} creates): how a missing row
 * is inserted without failing when another transaction inserts it too, how a batch of
 * expired rows is deleted, and how a timestamp is bound.
 *
 * @author Session Engines contributors
 */
enum JdbcRegistryDialect {

	H2,

	POSTGRESQL,

	MYSQL,

	MARIADB;

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
		return valueOf(SchemaScript.platform(dataSource).toUpperCase(Locale.ROOT));
	}

}
