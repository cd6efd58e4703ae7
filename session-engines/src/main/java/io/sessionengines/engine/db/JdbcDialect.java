package io.sessionengines.engine.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

import javax.sql.DataSource;

/**
 * What differs between the databases the {@code db} engine supports: the names Django
 * gives the indexes of the session table (which {@link SchemaScript} creates), how a
 * batch of expired rows is deleted, and how a timestamp is bound.
 *
 * @author Session Engines contributors
 */
enum JdbcDialect {

	/**
	 * H2, which Django does not support: the indexes are named as Django names them on a
	 * database without a limit on names.
	 */
	H2(200),

	/**
	 * PostgreSQL, whose index names Django computes from the table's name in lower case.
	 */
	POSTGRESQL(63) {

		@Override
		String indexName(String table, String column, String suffix) {
			// unquoted, the table's name is in lower case: Django, sharing the table,
			// names it so
			return super.indexName(table.toLowerCase(Locale.ROOT), column, suffix);
		}

		@Override
		String deleteExpiredBatch(String table) {
			// PostgreSQL has no DELETE ... LIMIT
			return "DELETE FROM " + table + " WHERE session_key IN (SELECT session_key FROM " + table
					+ " WHERE expire_date < ? LIMIT ?)";
		}

	},

	/**
	 * MySQL and MariaDB.
	 */
	MYSQL(64) {

		@Override
		String dataEquals() {
			// a binary comparison: the column's collation may ignore case
			return "session_data = CAST(? AS BINARY)";
		}

		@Override
		Object timestamp(Instant instant) {
			// DATETIME has no time zone: store UTC, as Django does with USE_TZ
			return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
		}

		@Override
		Instant readTimestamp(ResultSet resultSet, int column) throws SQLException {
			return resultSet.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
		}

	};

	/**
	 * The longest name of an index the database allows, as Django's
	 * {@code max_name_length()}.
	 */
	private final int maxNameLength;

	JdbcDialect(int maxNameLength) {
		this.maxNameLength = maxNameLength;
	}

	/**
	 * Return a statement that deletes at most {@code ?} rows that expired before
	 * {@code ?}.
	 * @param table the table name
	 * @return the statement
	 */
	String deleteExpiredBatch(String table) {
		return "DELETE FROM " + table + " WHERE expire_date < ? LIMIT ?";
	}

	/**
	 * Return the condition that {@code session_data} equals {@code ?}, exactly.
	 * @return the condition
	 */
	String dataEquals() {
		return "session_data = ?";
	}

	/**
	 * Return the JDBC value for a timestamp.
	 * @param instant the timestamp
	 * @return the value to bind
	 */
	Object timestamp(Instant instant) {
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
		return resultSet.getObject(column, OffsetDateTime.class).toInstant();
	}

	/**
	 * Return the name Django's migration gives an index of the session table.
	 * @param table the table name, optionally qualified by a schema
	 * @param column the indexed column
	 * @param suffix what follows the digest in the name, or {@code ""}
	 * @return the index name, without a schema
	 */
	String indexName(String table, String column, String suffix) {
		return DjangoIndexNames.indexName(table, column, suffix, this.maxNameLength);
	}

	static JdbcDialect of(DataSource dataSource) {
		return forPlatform(SchemaScript.platform(dataSource));
	}

	/**
	 * Return the dialect of a platform.
	 * @param platform the platform, as {@link SchemaScript#platform(DataSource)} names it
	 * @return the dialect
	 */
	static JdbcDialect forPlatform(String platform) {
		return switch (platform) {
			case "h2" -> H2;
			case "postgresql" -> POSTGRESQL;
			case "mysql", "mariadb" -> MYSQL;
			default -> throw new IllegalArgumentException("Unknown platform '" + platform + "'");
		};
	}

}
