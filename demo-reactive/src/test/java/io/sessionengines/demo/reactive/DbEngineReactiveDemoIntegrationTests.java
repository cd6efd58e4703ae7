package io.sessionengines.demo.reactive;

import io.sessionengines.demo.DatabaseChecks;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reactive demo tests with the {@code db} engine on the embedded H2 database, in Django's
 * {@code django_session} table.
 *
 * @author Session Engines contributors
 */
@TestPropertySource(properties = "session.engine=db")
class DbEngineReactiveDemoIntegrationTests extends AbstractServerSideReactiveDemoIntegrationTests
		implements DatabaseChecks {

	@Override
	public @Nullable String stored(String key) {
		return sessionTable().row(key);
	}

	@Test
	void sessionsLiveInDjangosTable() {
		String cookie = newSession();
		Integer rows = sessionTable().jdbc()
			.queryForObject("select count(*) from django_session where session_key = ?", Integer.class, cookie);
		assertThat(rows).isOne();
	}

}
