package io.sessionengines.demo;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Demo API tests for the engines whose sessions live in a database table ({@code db} and
 * {@code cached_db}), on H2, PostgreSQL or MariaDB: a row shaped like Django's
 * {@code django_session} per session, in the configured {@code session.db.table}.
 *
 * @author Session Engines contributors
 */
abstract class AbstractDatabaseDemoHttpIntegrationTests extends AbstractServerSideDemoHttpIntegrationTests {

	@Autowired
	private JdbcTemplate jdbc;

	@Value("${session.db.table:django_session}")
	private String table;

	private @Nullable Boolean utcDateTimeColumn;

	@Override
	@Nullable String stored(String key) {
		return row(key);
	}

	/**
	 * Return the {@code session_data} of a session's row.
	 * @param key the session key
	 * @return the data, or {@code null} when there is no row
	 */
	@Nullable String row(String key) {
		List<String> data = this.jdbc.queryForList("select session_data from " + this.table + " where session_key = ?",
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
	Instant expireDate(String key) {
		if (isUtcDateTimeColumn()) {
			return this.jdbc
				.queryForObject("select expire_date from " + this.table + " where session_key = ?",
						(resultSet, row) -> resultSet.getObject(1, LocalDateTime.class), key)
				.toInstant(ZoneOffset.UTC);
		}
		return this.jdbc
			.queryForObject("select expire_date from " + this.table + " where session_key = ?",
					(resultSet, row) -> resultSet.getObject(1, OffsetDateTime.class), key)
			.toInstant();
	}

	int rows() {
		Integer rows = this.jdbc.queryForObject("select count(*) from " + this.table, Integer.class);
		return (rows != null) ? rows : 0;
	}

	JdbcTemplate jdbc() {
		return this.jdbc;
	}

	String table() {
		return this.table;
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

	@Test
	void rowExpiresTheCookieAgeAfterTheLastSave() {
		Instant before = Instant.now();
		String cookie = newSession();
		Instant after = Instant.now();
		assertThat(expireDate(cookie)).isBetween(before.plusSeconds(DEFAULT_COOKIE_AGE).minusMillis(1),
				after.plusSeconds(DEFAULT_COOKIE_AGE).plusMillis(1));
	}

	@Test
	void rowExpiresAtTheCustomExpiry() {
		Instant before = Instant.now();
		String cookie = ops("[{'op':'set','key':'a','value':1},{'op':'expiry','value':300}]", null).newSessionCookie();
		Instant after = Instant.now();
		assertThat(expireDate(cookie)).isBetween(before.plusSeconds(300).minusMillis(1),
				after.plusSeconds(300).plusMillis(1));
		Instant date = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS).plusNanos(123_000);
		ops("[{'op':'expiry','value':'" + date + "'}]", cookie).newSessionCookie();
		assertThat(expireDate(cookie)).isEqualTo(date);
	}

	@Test
	void expiredRowIsKeptUntilThePurgeButNeverServed() {
		String cookie = ops("[{'op':'set','key':'a','value':1},{'op':'expiry','value':-10}]", null).newSessionCookie();
		assertThat(expireDate(cookie)).isCloseTo(Instant.now().minusSeconds(10), within(5, ChronoUnit.SECONDS));
		assertThat(get("/api/session", cookie).json()).isEqualTo(Reply.json("{}"));
	}

}
