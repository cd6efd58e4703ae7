package io.sessionengines.demo;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the sessions of the {@code db} and {@code cached_db} engines straight from their
 * table, on H2, PostgreSQL or MariaDB: a row shaped like Django's {@code django_session}
 * per session.
 *
 * @author Session Engines contributors
 */
public final class SessionTable {

	private final JdbcTemplate jdbc;

	private final String name;

	private @Nullable Boolean utcDateTimeColumn;

	/**
	 * Create an instance.
	 * @param jdbc the application's access to the database
	 * @param name the table, the configured {@code session.db.table}
	 */
	public SessionTable(JdbcTemplate jdbc, String name) {
		this.jdbc = jdbc;
		this.name = name;
	}

	/**
	 * Return the {@code session_data} of a session's row.
	 * @param key the session key
	 * @return the data, or {@code null} when there is no row
	 */
	public @Nullable String row(String key) {
		List<String> data = this.jdbc.queryForList("select session_data from " + this.name + " where session_key = ?",
				String.class, key);
		assertThat(data).hasSizeLessThanOrEqualTo(1);
		return data.isEmpty() ? null : data.get(0);
	}

	/**
	 * Return the {@code expire_date} of a session's row. A column without a time zone
	 * (MySQL and MariaDB {@code DATETIME}) holds UTC, as Django stores it.
	 * @param key the session key
	 * @return the expire date
	 */
	public Instant expireDate(String key) {
		if (isUtcDateTimeColumn()) {
			return this.jdbc
				.queryForObject("select expire_date from " + this.name + " where session_key = ?",
						(resultSet, row) -> resultSet.getObject(1, LocalDateTime.class), key)
				.toInstant(ZoneOffset.UTC);
		}
		return this.jdbc
			.queryForObject("select expire_date from " + this.name + " where session_key = ?",
					(resultSet, row) -> resultSet.getObject(1, OffsetDateTime.class), key)
			.toInstant();
	}

	public JdbcTemplate jdbc() {
		return this.jdbc;
	}

	public String name() {
		return this.name;
	}

	private boolean isUtcDateTimeColumn() {
		if (this.utcDateTimeColumn == null) {
			DataSource dataSource = this.jdbc.getDataSource();
			assertThat(dataSource).isNotNull();
			try {
				String product = JdbcUtils.extractDatabaseMetaData(dataSource,
						(metaData) -> metaData.getDatabaseProductName().toLowerCase(Locale.ROOT));
				this.utcDateTimeColumn = product.contains("mysql") || product.contains("mariadb");
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}
		return this.utcDateTimeColumn;
	}

}
