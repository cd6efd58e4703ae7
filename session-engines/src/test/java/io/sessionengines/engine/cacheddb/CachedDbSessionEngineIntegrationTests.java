package io.sessionengines.engine.cacheddb;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.sessionengines.engine.AbstractSessionEngineTests;
import io.sessionengines.engine.MutableClock;
import io.sessionengines.engine.SaveResult;
import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.cache.RedisSessionCacheStore;
import io.sessionengines.engine.db.JdbcSessionEngine;
import io.sessionengines.engine.db.StatementCountingDataSource;
import io.sessionengines.registry.JdbcSessionRegistryStore;
import io.sessionengines.registry.SessionRegistryStore;
import io.sessionengines.session.Session;
import io.sessionengines.session.SessionKeys;
import io.sessionengines.signing.TimestampSigner;
import io.sessionengines.testsupport.RedisTestSupport;
import io.sessionengines.testsupport.RedisTestSupport.CommandRecorder;
import io.sessionengines.testsupport.TestBackends;
import io.sessionengines.testsupport.TestBackends.RedisEndpoint;
import io.sessionengines.testsupport.TypedTestValues;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link CachedDbSessionEngine} on Redis ({@link TestBackends#redis()}) and
 * PostgreSQL ({@link TestBackends#postgres()}): the engine contract, and the round trips
 * of each operation counted on both stores. The tests use a table and a key prefix of
 * their own, removed afterwards.
 *
 * @author Session Engines contributors
 */
class CachedDbSessionEngineIntegrationTests extends AbstractSessionEngineTests {

	private static final String SECRET_KEY = "django-insecure-test-vector-secret";

	private static final String TABLE = TestBackends.uniqueName("session_it");

	private static final String REGISTRY = TABLE + "_r";

	private static final CommandRecorder redisCommands = new CommandRecorder();

	private static DataSource database;

	private static LettuceConnectionFactory connectionFactory;

	private StatementCountingDataSource statements;

	private StringRedisTemplate redis;

	private String prefix;

	private RedisSessionCacheStore store;

	@AfterAll
	static void disconnect() {
		try {
			if (connectionFactory != null) {
				connectionFactory.destroy();
			}
		}
		finally {
			if (database != null) {
				TestBackends.dropTable(database, TABLE);
				for (String table : List.of(REGISTRY, REGISTRY + "_principal", REGISTRY + "_revocation")) {
					TestBackends.dropTable(database, table);
				}
			}
		}
	}

	@Override
	protected SessionRegistryStore createRegistryStore(MutableClock clock) {
		JdbcSessionRegistryStore store = new JdbcSessionRegistryStore(TestBackends.postgres(), clock, REGISTRY);
		store.createTablesIfMissing();
		return store;
	}

	@Override
	protected SessionEngine createEngine(MutableClock clock, SessionExpiry expiry) {
		database = TestBackends.postgres();
		if (connectionFactory == null) {
			RedisEndpoint endpoint = TestBackends.redis();
			connectionFactory = RedisTestSupport.standalone(endpoint.host(), endpoint.port(), Duration.ofSeconds(10),
					redisCommands);
		}
		SessionCodec codec = codec(clock);
		this.statements = new StatementCountingDataSource(database);
		JdbcSessionEngine db = new JdbcSessionEngine(this.statements, codec, expiry, TABLE);
		db.createTableIfMissing();
		new JdbcTemplate(database).update("DELETE FROM " + TABLE);
		this.redis = new StringRedisTemplate(connectionFactory);
		this.prefix = TestBackends.uniqueName("session_it") + ":";
		this.store = new RedisSessionCacheStore(connectionFactory, this.prefix);
		return new CachedDbSessionEngine(this.store, db, expiry);
	}

	@Override
	protected void advanceClock(Duration duration) {
		super.advanceClock(duration);
		RedisTestSupport.advanceTime(this.redis, this.prefix, duration);
	}

	@AfterEach
	void deleteTestKeys() {
		if (this.redis != null) {
			RedisTestSupport.deleteKeys(this.redis, this.prefix);
		}
	}

	private static SessionCodec codec(Clock clock) {
		return new SessionCodec(TypedTestValues.serializer(),
				new TimestampSigner(SECRET_KEY, List.of(), SessionCodec.STORED_DATA_SALT, clock));
	}

	private String existingSession(Object... keysAndValues) {
		String key = create(data(keysAndValues));
		resetCounts();
		return key;
	}

	private void resetCounts() {
		// opens the connection and makes Redis know the compare-and-set script first, so
		// that only the commands under test are recorded
		this.redis.hasKey(this.prefix + "warm-up");
		this.store.compareAndSet("warm-up", "x", "y", Duration.ofSeconds(1));
		redisCommands.reset();
		this.statements.reset();
	}

	private List<String> verbs() {
		List<String> verbs = new ArrayList<>();
		for (String sql : this.statements.getStatements()) {
			verbs.add(sql.trim().split("\\s+")[0].toUpperCase(Locale.ROOT));
		}
		return verbs;
	}

	private String storedData(String key) {
		return new JdbcTemplate(database).queryForObject("SELECT session_data FROM " + TABLE + " WHERE session_key = ?",
				String.class, key);
	}

	@Test
	void cacheHitIsOneGetAndNoStatement() {
		String key = existingSession("user", "alice");
		assertThat(engine().load(key)).containsExactly(Map.entry("user", "alice"));
		assertThat(redisCommands.names()).containsExactly("GET");
		assertThat(this.statements.getCount()).isZero();
	}

	@Test
	void cacheMissIsOneGetAPlaceholderOneSelectAndTheCopyInItsPlace() {
		String key = existingSession("user", "alice");
		advanceClock(Duration.ofDays(4));
		this.redis.delete(this.prefix + key);
		resetCounts();
		assertThat(engine().load(key)).containsExactly(Map.entry("user", "alice"));
		assertThat(redisCommands.names()).containsExactly("GET", "SET", "EVALSHA");
		assertThat(redisCommands.commands().get(1)).contains(" NX");
		assertThat(verbs()).containsExactly("SELECT");
		// the cached copy is the row's data, and lives for the entry lifetime
		assertThat(this.redis.opsForValue().get(this.prefix + key)).isEqualTo(storedData(key));
		assertThat(this.redis.getExpire(this.prefix + key, TimeUnit.MILLISECONDS))
			.isCloseTo(CachedDbSessionEngine.DEFAULT_CACHE_ENTRY_LIFETIME.toMillis(), within(5_000L));
	}

	@Test
	void createIsOneInsertAndOneSet() {
		resetCounts();
		String key = create(data("user", "alice"));
		assertThat(redisCommands.names()).containsExactly("SET");
		assertThat(verbs()).containsExactly("INSERT");
		assertThat(this.redis.opsForValue().get(this.prefix + key)).isEqualTo(storedData(key));
	}

	@Test
	void updateIsOneConditionalUpdateAndOneScript() {
		String key = existingSession("user", "alice");
		String alice = storedData(key);
		resetCounts();
		assertThat(engine().compareAndSave(key, data("user", "bob"), START.plus(COOKIE_AGE), alice))
			.isInstanceOf(SaveResult.Saved.class);
		assertThat(redisCommands.names()).containsExactly("EVALSHA");
		assertThat(verbs()).containsExactly("UPDATE");
		assertThat(this.redis.opsForValue().get(this.prefix + key)).isEqualTo(storedData(key));
	}

	@Test
	void updateWithoutAVersionIsOneUpdateBetweenTwoDels() {
		String key = existingSession("user", "alice");
		save(key, data("user", "bob"), false);
		assertThat(redisCommands.names()).containsExactly("DEL", "DEL");
		assertThat(verbs()).containsExactly("UPDATE");
		assertThat(this.redis.hasKey(this.prefix + key)).isFalse();
	}

	@Test
	void deleteIsOneDeleteBetweenTwoDels() {
		String key = existingSession("user", "alice");
		engine().delete(key);
		assertThat(redisCommands.names()).containsExactly("DEL", "DEL");
		assertThat(verbs()).containsExactly("DELETE");
		assertThat(this.redis.hasKey(this.prefix + key)).isFalse();
	}

	@Test
	void requestThatReadsAndWritesACachedSessionCostsTwoCommandsAndOneStatement() {
		String key = existingSession("user", "alice");
		Session session = sessions().open(key);
		assertThat(session.get("user")).isEqualTo("alice");
		session.set("visits", 2);
		session.save();
		assertThat(redisCommands.names()).containsExactly("GET", "EVALSHA");
		assertThat(verbs()).containsExactly("UPDATE");
	}

	@Test
	void saveThatMeetsAConcurrentSaveCostsOneSelectAndOneMoreUpdateAndNoCacheCall() {
		String key = existingSession("user", "alice");
		Session first = sessions().open(key);
		Session second = sessions().open(key);
		first.ensureLoaded();
		second.ensureLoaded();
		first.set("a", 1);
		first.save();
		resetCounts();
		second.set("b", 2);
		second.save();
		assertThat(verbs()).containsExactly("UPDATE", "SELECT", "UPDATE");
		assertThat(redisCommands.names()).containsExactly("EVALSHA");
		assertThat(engine().load(key)).containsEntry("a", 1).containsEntry("b", 2);
	}

	@Test
	void loadOfAnUnknownKeyIsOneSelectAndLeavesNothingInTheCache() {
		resetCounts();
		String key = SessionKeys.generate();
		assertThat(engine().load(key)).isNull();
		assertThat(redisCommands.names()).containsExactly("GET", "SET", "DEL");
		assertThat(verbs()).containsExactly("SELECT");
		assertThat(this.redis.hasKey(this.prefix + key)).isFalse();
	}

}
