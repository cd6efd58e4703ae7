package io.sessionengines.engine.cache;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.SessionStoreUnavailableException;
import io.sessionengines.engine.StoredSession;
import io.sessionengines.serializer.JsonSessionSerializer;
import io.sessionengines.session.Session;
import io.sessionengines.session.SessionFactory;
import io.sessionengines.session.SessionKeys;
import io.sessionengines.signing.TimestampSigner;
import io.sessionengines.testsupport.RedisServerProcess;
import io.sessionengines.testsupport.RedisTestSupport;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CacheSessionEngine} on {@link RedisSessionCacheStore} when Redis goes
 * away and comes back: an outage is reported as {@link SessionStoreUnavailableException},
 * never as a missing session (a logout), and the same connection factory works again once
 * Redis is back. Runs against a private {@code redis-server} that the tests stop and
 * restart; the shared test server is never touched.
 *
 * @author Session Engines contributors
 */
class RedisCacheSessionEngineOutageIntegrationTests {

	private static final String PREFIX = "session:";

	private static final Duration COOKIE_AGE = Duration.ofDays(14);

	@TempDir
	Path directory;

	private RedisServerProcess redis;

	private LettuceConnectionFactory connectionFactory;

	private CacheSessionEngine engine;

	private SessionFactory sessions;

	@BeforeEach
	void startRedis() {
		this.redis = RedisServerProcess.start(this.directory);
		this.connectionFactory = RedisTestSupport.standalone(RedisServerProcess.HOST, this.redis.port(),
				Duration.ofMillis(500), null);
		Clock clock = Clock.systemUTC();
		SessionExpiry expiry = new SessionExpiry(COOKIE_AGE, false, clock);
		SessionCodec codec = new SessionCodec(new JsonSessionSerializer(),
				new TimestampSigner("outage-test-secret", List.of(), "outage-test", clock));
		this.engine = new CacheSessionEngine(new RedisSessionCacheStore(this.connectionFactory, PREFIX), codec, expiry);
		this.sessions = new SessionFactory(this.engine, expiry, new JsonSessionSerializer());
	}

	@AfterEach
	void stopRedis() {
		try {
			if (this.connectionFactory != null) {
				this.connectionFactory.destroy();
			}
		}
		finally {
			this.redis.close();
		}
	}

	private String create(String user) {
		return this.engine.save(SessionKeys.generate(), data(user), Instant.now().plus(COOKIE_AGE), true);
	}

	private static Map<String, @Nullable Object> data(String user) {
		Map<String, @Nullable Object> data = new LinkedHashMap<>();
		data.put("user", user);
		return data;
	}

	@Test
	void everyOperationReportsTheOutageAndNoneReportsAMissingSession() {
		String key = create("alice");
		assertThat(this.engine.load(key)).containsEntry("user", "alice");
		this.redis.stop();
		assertThatExceptionOfType(SessionStoreUnavailableException.class).isThrownBy(() -> this.engine.load(key));
		assertThatExceptionOfType(SessionStoreUnavailableException.class)
			.isThrownBy(() -> this.engine.save(key, data("mallory"), Instant.now().plus(COOKIE_AGE), false));
		assertThatExceptionOfType(SessionStoreUnavailableException.class).isThrownBy(() -> create("bob"));
		assertThatExceptionOfType(SessionStoreUnavailableException.class).isThrownBy(() -> this.engine.delete(key));
		// a request that reads its session fails instead of going on with an empty one
		Session session = this.sessions.open(key);
		assertThatExceptionOfType(SessionStoreUnavailableException.class).isThrownBy(() -> session.get("user"));
		assertThat(session.getSessionKey()).isEqualTo(key);
	}

	@Test
	void engineInDjangosFormReportsTheOutageToo() {
		SessionExpiry expiry = new SessionExpiry(COOKIE_AGE, false, Clock.systemUTC());
		CacheSessionEngine django = new CacheSessionEngine(
				new RedisSessionCacheStore(this.connectionFactory, DjangoCacheFormat.keyPrefix("", 1)),
				new DjangoCacheFormat(new JsonSessionSerializer(), SessionCodec.DEFAULT_MAX_DATA_SIZE), expiry);
		String key = django.save(SessionKeys.generate(), data("alice"), Instant.now().plus(COOKIE_AGE), true);
		StoredSession stored = django.loadStored(key);
		assertThat(stored).isNotNull();
		this.redis.stop();
		assertThatExceptionOfType(SessionStoreUnavailableException.class).isThrownBy(() -> django.load(key));
		assertThatExceptionOfType(SessionStoreUnavailableException.class).isThrownBy(() -> django.compareAndSave(key,
				data("mallory"), Instant.now().plus(COOKIE_AGE), Objects.requireNonNull(stored.version())));
		assertThatExceptionOfType(SessionStoreUnavailableException.class)
			.isThrownBy(() -> django.save(SessionKeys.generate(), data("bob"), Instant.now().plus(COOKIE_AGE), true));
		assertThatExceptionOfType(SessionStoreUnavailableException.class).isThrownBy(() -> django.delete(key));
	}

	@Test
	void sameConnectionFactoryWorksAgainAfterRedisIsBackAndFailedWritesWereNotApplied() throws IOException {
		String key = create("alice");
		String persisted = this.redis.command("GET", PREFIX + key);
		assertThat(persisted).isNotNull();
		this.redis.stop();
		assertThatExceptionOfType(SessionStoreUnavailableException.class)
			.isThrownBy(() -> this.engine.save(key, data("mallory"), Instant.now().plus(COOKIE_AGE), false));
		String refused = SessionKeys.generate();
		assertThatExceptionOfType(SessionStoreUnavailableException.class)
			.isThrownBy(() -> this.engine.save(refused, data("bob"), Instant.now().plus(COOKIE_AGE), true));
		this.redis.restart();
		// Redis runs without persistence: put back what a persistent server would still
		// hold, before the client has reconnected
		assertThat(this.redis.command("SET", PREFIX + key, persisted, "PX", "60000")).isEqualTo("OK");
		Map<String, @Nullable Object> afterRecovery = awaitRecovery(key);
		// the failed update and create were not replayed on reconnection
		assertThat(afterRecovery).containsExactly(Map.entry("user", "alice"));
		assertThat(this.redis.command("GET", PREFIX + key)).isEqualTo(persisted);
		assertThat(this.redis.command("EXISTS", PREFIX + refused)).isEqualTo("0");
		assertThat(this.redis.command("DBSIZE")).isEqualTo("1");
		// and the engine works as before
		String fresh = create("carol");
		assertThat(this.engine.load(fresh)).containsExactly(Map.entry("user", "carol"));
		this.engine.save(fresh, data("dave"), Instant.now().plus(COOKIE_AGE), false);
		assertThat(this.engine.load(fresh)).containsExactly(Map.entry("user", "dave"));
		this.engine.delete(fresh);
		assertThat(this.engine.load(fresh)).isNull();
		assertThat(this.redis.command("EXISTS", PREFIX + fresh)).isEqualTo("0");
	}

	@Test
	void engineCreatedWhileRedisIsDownWorksOnceRedisIsUp() throws IOException {
		this.redis.stop();
		assertThatExceptionOfType(SessionStoreUnavailableException.class)
			.isThrownBy(() -> this.engine.load(SessionKeys.generate()));
		this.redis.restart();
		awaitRecovery(SessionKeys.generate());
		String key = create("alice");
		assertThat(this.engine.load(key)).containsEntry("user", "alice");
		assertThat(this.redis.command("EXISTS", PREFIX + key)).isEqualTo("1");
	}

	@Test
	void clientThatRejectsCommandsWhileDisconnectedAlsoReportsTheOutage() {
		// a common fail-fast setting: Lettuce rejects commands at once instead of queuing
		// them until they time out
		LettuceConnectionFactory failFast = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(RedisServerProcess.HOST, this.redis.port()),
				LettuceClientConfiguration.builder()
					.commandTimeout(Duration.ofSeconds(5))
					.clientOptions(
							ClientOptions.builder().disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS).build())
					.build());
		failFast.afterPropertiesSet();
		failFast.start();
		try {
			RedisSessionCacheStore store = new RedisSessionCacheStore(failFast, PREFIX);
			assertThat(store.add("k", "v", Duration.ofMinutes(1))).isTrue();
			this.redis.stop();
			assertThatExceptionOfType(SessionStoreUnavailableException.class).isThrownBy(() -> store.get("k"));
			assertThatExceptionOfType(SessionStoreUnavailableException.class)
				.isThrownBy(() -> store.replace("k", "w", Duration.ofMinutes(1)));
			assertThatExceptionOfType(SessionStoreUnavailableException.class).isThrownBy(() -> store.delete("k"));
		}
		finally {
			failFast.destroy();
		}
	}

	private @Nullable Map<String, @Nullable Object> awaitRecovery(String key) {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (true) {
			try {
				return this.engine.load(key);
			}
			catch (SessionStoreUnavailableException ex) {
				if (System.nanoTime() > deadline) {
					throw new AssertionError("Redis is back, but the engine still fails after 20 seconds", ex);
				}
				sleep(50);
			}
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
