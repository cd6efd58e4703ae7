package io.sessionengines.engine.cacheddb;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.cache.RedisSessionCacheStore;
import io.sessionengines.engine.db.H2Database;
import io.sessionengines.engine.db.JdbcSessionEngine;
import io.sessionengines.serializer.JsonSessionSerializer;
import io.sessionengines.session.SessionKeys;
import io.sessionengines.signing.TimestampSigner;
import io.sessionengines.testsupport.RedisServerProcess;
import io.sessionengines.testsupport.RedisTestSupport;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CachedDbSessionEngine} on Redis and H2 while Redis is down: every
 * operation goes on with the database alone, and the cache is used again once Redis is
 * back. Runs against a private {@code redis-server} that the tests stop and restart.
 *
 * @author Session Engines contributors
 */
class CachedDbSessionEngineRedisOutageIntegrationTests {

	private static final String PREFIX = "session:";

	private static final Duration AGE = Duration.ofDays(14);

	@TempDir
	Path directory;

	private RedisServerProcess redis;

	private LettuceConnectionFactory connectionFactory;

	private DataSource database;

	private CachedDbSessionEngine engine;

	@BeforeEach
	void start() {
		this.redis = RedisServerProcess.start(this.directory);
		this.connectionFactory = RedisTestSupport.standalone(RedisServerProcess.HOST, this.redis.port(),
				Duration.ofSeconds(5), null);
		this.database = H2Database.create();
		Clock clock = Clock.systemUTC();
		SessionCodec codec = new SessionCodec(new JsonSessionSerializer(),
				new TimestampSigner("outage-test-secret", List.of(), SessionCodec.STORED_DATA_SALT, clock));
		SessionExpiry expiry = new SessionExpiry(Duration.ofDays(14), false, clock);
		JdbcSessionEngine db = new JdbcSessionEngine(this.database, codec, expiry, JdbcSessionEngine.DEFAULT_TABLE);
		db.createTableIfMissing();
		this.engine = new CachedDbSessionEngine(new RedisSessionCacheStore(this.connectionFactory, PREFIX), db, expiry);
	}

	@AfterEach
	void stop() {
		try {
			this.connectionFactory.destroy();
			H2Database.shutdown(this.database);
		}
		finally {
			this.redis.close();
		}
	}

	private static Map<String, @Nullable Object> data(String user) {
		Map<String, @Nullable Object> data = new LinkedHashMap<>();
		data.put("user", user);
		return data;
	}

	private int rows() {
		return new JdbcTemplate(this.database).queryForObject("SELECT COUNT(*) FROM django_session", Integer.class);
	}

	@Test
	void sessionsWorkOnTheDatabaseWhileRedisIsDownAndUseRedisAgainOnceItIsBack() throws IOException {
		String key = this.engine.save(SessionKeys.generate(), data("alice"), Instant.now().plus(AGE), true);
		assertThat(this.redis.command("EXISTS", PREFIX + key)).isEqualTo("1");
		this.redis.stop();
		assertThat(this.engine.load(key)).containsExactly(Map.entry("user", "alice"));
		this.engine.save(key, data("bob"), Instant.now().plus(AGE), false);
		assertThat(this.engine.load(key)).containsExactly(Map.entry("user", "bob"));
		String other = this.engine.save(SessionKeys.generate(), data("carol"), Instant.now().plus(AGE), true);
		this.engine.delete(other);
		assertThat(this.engine.load(other)).isNull();
		assertThat(rows()).isOne();
		this.redis.restart();
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (!"1".equals(this.redis.command("EXISTS", PREFIX + key)) && System.nanoTime() < deadline) {
			// each load misses the cache, reads the row and copies it into Redis once the
			// client has reconnected
			assertThat(this.engine.load(key)).containsExactly(Map.entry("user", "bob"));
		}
		assertThat(this.redis.command("EXISTS", PREFIX + key)).isEqualTo("1");
		new JdbcTemplate(this.database).update("DELETE FROM django_session");
		// served from the cache now
		assertThat(this.engine.load(key)).containsExactly(Map.entry("user", "bob"));
	}

}
