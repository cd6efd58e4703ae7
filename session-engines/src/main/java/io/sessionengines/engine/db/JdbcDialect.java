package io.sessionengines.engine.db;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * What differs between the databases the {@code db} engine supports: the table's DDL
 * (Django's column types and indexes, with Django's names for them), how a batch of
 * expired rows is deleted, and how a timestamp is bound.
 *
 * @author Session Engines contributors
 */
enum JdbcDialect {

	/**
	 * H2, which Django does not support: the indexes are named as Django names them on a
	 * database without a limit on names.
	 */
	H2(200) {

		@Override
		List<String> createTable(String table) {
			return List.of(
					"CREATE TABLE " + table + " (session_key VARCHAR(40) NOT NULL PRIMARY KEY, "
							+ "session_data CLOB NOT NULL, expire_date TIMESTAMP(6) WITH TIME ZONE NOT NULL)",
					"CREATE INDEX " + indexName(table, "expire_date", "") + " ON " + table + " (expire_date)");
		}

	},

	/**
	 * PostgreSQL, with the indexes of Django's migration: besides the one on
	 * {@code expire_date}, one with {@code varchar_pattern_ops} on the key, for
	 * {@code LIKE} queries outside the C locale.
	 */
	POSTGRESQL(63) {

		@Override
		List<String> createTable(String table) {
			return List.of(
					"CREATE TABLE " + table + " (session_key VARCHAR(40) NOT NULL PRIMARY KEY, "
							+ "session_data TEXT NOT NULL, expire_date TIMESTAMP WITH TIME ZONE NOT NULL)",
					"CREATE INDEX " + indexName(table, "session_key", "_like") + " ON " + table
							+ " (session_key varchar_pattern_ops)",
					"CREATE INDEX " + indexName(table, "expire_date", "") + " ON " + table + " (expire_date)");
		}

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
		List<String> createTable(String table) {
			// the index Django's migration creates with a statement of its own: declared
			// with the table, so that no table is left without it
			return List.of("CREATE TABLE " + table + " (session_key VARCHAR(40) NOT NULL PRIMARY KEY, "
					+ "session_data LONGTEXT NOT NULL, expire_date DATETIME(6) NOT NULL, INDEX "
					+ indexName(table, "expire_date", "") + " (expire_date))");
		}

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
	 * Return the statements that create the session table and its indexes, as Django's
	 * migration creates them.
	 * @param table the table name
	 * @return the DDL statements
	 */
	abstract List<String> createTable(String table);

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
		String product;
		try {
			product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
		}
		catch (MetaDataAccessException ex) {
			throw new IllegalStateException("Unable to read which database the session table lives in", ex);
		}
		String name = product.toLowerCase(Locale.ROOT);
		if (name.contains("h2")) {
			return H2;
		}
		if (name.contains("postgres")) {
			return POSTGRESQL;
		}
		if (name.contains("mysql") || name.contains("mariadb")) {
			return MYSQL;
		}
		throw new IllegalStateException("The db session engine does not support " + product
				+ "; it supports H2, PostgreSQL, MySQL and MariaDB");
	}

}
