package io.sessionengines.engine.db;

import javax.sql.DataSource;

import io.sessionengines.engine.AbstractSessionEngineTests;
import io.sessionengines.engine.EncryptedCodecs;
import io.sessionengines.engine.MutableClock;
import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.signing.TokenCipher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine contract for {@link JdbcSessionEngine} on H2 with its session data
 * encrypted.
 *
 * @author Session Engines contributors
 */
class EncryptedJdbcSessionEngineTests extends AbstractSessionEngineTests {

	private DataSource dataSource;

	@Override
	protected SessionEngine createEngine(MutableClock clock, SessionExpiry expiry) {
		this.dataSource = H2Database.create();
		JdbcSessionEngine engine = new JdbcSessionEngine(this.dataSource,
				EncryptedCodecs.codec(SessionCodec.STORED_DATA_SALT, clock), expiry, JdbcSessionEngine.DEFAULT_TABLE);
		engine.createTableIfMissing();
		return engine;
	}

	@AfterEach
	void shutDownDatabase() {
		H2Database.shutdown(this.dataSource);
	}

	@Test
	void sessionDataIsEncrypted() {
		String key = create(data("user", "alice"));
		String stored = new JdbcTemplate(this.dataSource)
			.queryForObject("SELECT session_data FROM django_session WHERE session_key = ?", String.class, key);
		assertThat(stored).startsWith(TokenCipher.PREFIX).doesNotContain("alice");
	}

}
