package io.sessionengines.engine.cacheddb;

import java.time.Instant;

import javax.sql.DataSource;

import com.github.benmanes.caffeine.cache.Ticker;
import io.sessionengines.engine.AbstractSessionEngineTests;
import io.sessionengines.engine.EncryptedCodecs;
import io.sessionengines.engine.MutableClock;
import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.cache.CaffeineSessionCacheStore;
import io.sessionengines.engine.db.H2Database;
import io.sessionengines.engine.db.JdbcSessionEngine;
import io.sessionengines.signing.TokenCipher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine contract for {@link CachedDbSessionEngine} with its data encrypted in the
 * cache and in the database.
 *
 * @author Session Engines contributors
 */
class EncryptedCachedDbSessionEngineTests extends AbstractSessionEngineTests {

	private DataSource dataSource;

	private CaffeineSessionCacheStore cache;

	@Override
	protected SessionEngine createEngine(MutableClock clock, SessionExpiry expiry) {
		this.dataSource = H2Database.create();
		SessionCodec codec = EncryptedCodecs.codec(SessionCodec.STORED_DATA_SALT, clock);
		JdbcSessionEngine db = new JdbcSessionEngine(this.dataSource, codec, expiry, JdbcSessionEngine.DEFAULT_TABLE);
		db.createTableIfMissing();
		Ticker ticker = () -> {
			Instant now = clock.instant();
			return now.getEpochSecond() * 1_000_000_000L + now.getNano();
		};
		this.cache = new CaffeineSessionCacheStore(1000, ticker);
		return new CachedDbSessionEngine(this.cache, db, expiry);
	}

	@AfterEach
	void shutDownDatabase() {
		H2Database.shutdown(this.dataSource);
	}

	@Test
	void cacheEntryAndRowAreEncrypted() {
		String key = create(data("user", "alice"));
		String row = new JdbcTemplate(this.dataSource)
			.queryForObject("SELECT session_data FROM django_session WHERE session_key = ?", String.class, key);
		assertThat(row).startsWith(TokenCipher.PREFIX).doesNotContain("alice");
		assertThat(this.cache.get(key)).startsWith(TokenCipher.PREFIX).doesNotContain("alice");
	}

}
