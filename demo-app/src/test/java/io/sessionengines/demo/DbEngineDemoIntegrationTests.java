package io.sessionengines.demo;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Demo API tests with the {@code db} engine on the embedded H2 database, in Django's
 * {@code django_session} table.
 *
 * @author Session Engines contributors
 */
@TestPropertySource(properties = "session.engine=db")
class DbEngineDemoIntegrationTests extends AbstractServerSideDemoHttpIntegrationTests implements DatabaseChecks {

	private final SessionTable sessionTable;

	DbEngineDemoIntegrationTests(@Autowired JdbcTemplate jdbc,
			@Value("${session.db.table:django_session}") String table) {
		this.sessionTable = new SessionTable(jdbc, table);
	}

	@Override
	@Nullable String stored(String key) {
		return this.sessionTable.row(key);
	}

	@Override
	public SessionTable sessionTable() {
		return this.sessionTable;
	}

	@Test
	void sessionsLiveInDjangosTable() {
		String cookie = newSession();
		Integer rows = this.sessionTable.jdbc()
			.queryForObject("select count(*) from django_session where session_key = ?", Integer.class, cookie);
		assertThat(rows).isOne();
	}

}
