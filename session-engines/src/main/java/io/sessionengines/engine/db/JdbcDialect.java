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
 * (Django's column types), how a batch of expired rows is deleted, and how a timestamp is
 * bound.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
enum JdbcDialect {

	H2 {

		@Override
		List<String> createTable(String table) {
			return List.of(
					"CREATE TABLE " + table + " (session_key VARCHAR(40) NOT NULL PRIMARY KEY, "
							+ "session_data CLOB NOT NULL, expire_date TIMESTAMP(6) WITH TIME ZONE NOT NULL)",
					createIndex(table));
		}

	},

	POSTGRESQL {

		@Override
		List<String> createTable(String table) {
			return List.of(
					"CREATE TABLE " + table + " (session_key VARCHAR(40) NOT NULL PRIMARY KEY, "
							+ "session_data TEXT NOT NULL, expire_date TIMESTAMP WITH TIME ZONE NOT NULL)",
					createIndex(table));
		}

		@Override
		String deleteExpiredBatch(String table) {
			// PostgreSQL has no DELETE ... LIMIT
			return "DELETE FROM " + table + " WHERE session_key IN (SELECT session_key FROM " + table
					+ " WHERE expire_date < ? LIMIT ?)";
		}

	},

	MYSQL {

		@Override
		List<String> createTable(String table) {
			return List.of("CREATE TABLE " + table + " (session_key VARCHAR(40) NOT NULL PRIMARY KEY, "
					+ "session_data LONGTEXT NOT NULL, expire_date DATETIME(6) NOT NULL, INDEX " + indexName(table)
					+ " (expire_date))");
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
	 * Return the statements that create the session table and its expiry index.
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

	static String createIndex(String table) {
		return "CREATE INDEX " + indexName(table) + " ON " + table + " (expire_date)";
	}

	static String indexName(String table) {
		return table.replace('.', '_') + "_expire_date";
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
