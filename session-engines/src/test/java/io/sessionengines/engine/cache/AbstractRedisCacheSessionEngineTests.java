package io.sessionengines.engine.cache;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.sessionengines.engine.AbstractSessionEngineTests;
import io.sessionengines.engine.MutableClock;
import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionDataFormat;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.registry.RedisSessionRegistryStore;
import io.sessionengines.registry.SessionRegistryStore;
import io.sessionengines.serializer.JsonSessionSerializer;
import io.sessionengines.session.Session;
import io.sessionengines.session.SessionFactory;
import io.sessionengines.session.SessionKeys;
import io.sessionengines.signing.BadSignatureException;
import io.sessionengines.signing.TimestampSigner;
import io.sessionengines.testsupport.RedisTestSupport;
import io.sessionengines.testsupport.RedisTestSupport.CommandRecorder;
import io.sessionengines.testsupport.TestBackends;
import io.sessionengines.testsupport.TypedTestValues;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link CacheSessionEngine} on {@link RedisSessionCacheStore}: the engine
 * contract, and what is stored in Redis, for how long, in how many commands.
 * <p>
 * Redis expires keys on its own clock, so {@link #advanceClock(Duration)} shortens the
 * time to live of this test's keys by the same amount (deleting those that run out), as
 * if Redis's time had moved too; {@link #keysExpireOnRedisOwnClock()} checks real expiry.
 * Each test uses its own key prefix and deletes its keys afterwards.
 *
 * @author Session Engines contributors
 */
public abstract class AbstractRedisCacheSessionEngineTests extends AbstractSessionEngineTests {

	private static final String SECRET_KEY = "django-insecure-test-vector-secret";

	private static final String SALT = "io.sessionengines.engine.cache.CacheSessionEngine";

	private StringRedisTemplate redis;

	private String prefix;

	private RedisSessionCacheStore store;

	private @Nullable LettuceConnectionFactory unreachable;

	/**
	 * Return the connection factory to Redis, whose client reports to
	 * {@link #commands()}.
	 * @return the connection factory
	 */
	protected abstract LettuceConnectionFactory connectionFactory();

	/**
	 * Return the recorder of the commands sent through {@link #connectionFactory()}.
	 * @return the recorder
	 */
	protected abstract CommandRecorder commands();

	@Override
	protected SessionEngine createEngine(MutableClock clock, SessionExpiry expiry) {
		this.redis = new StringRedisTemplate(connectionFactory());
		this.prefix = keyPrefix(TestBackends.uniqueName("session_it"));
		this.store = new RedisSessionCacheStore(connectionFactory(), this.prefix);
		return new CacheSessionEngine(this.store, format(clock), expiry);
	}

	/**
	 * Return the store's key prefix for a test; by default the name and a colon.
	 * @param uniqueName a name no other test uses
	 * @return the key prefix, which starts with the name
	 */
	protected String keyPrefix(String uniqueName) {
		return uniqueName + ":";
	}

	/**
	 * Return how the engine encodes session data; by default signed tokens.
	 * @param clock the clock of the signer
	 * @return the format
	 */
	protected SessionDataFormat format(Clock clock) {
		return new SessionCodec(TypedTestValues.serializer(), new TimestampSigner(SECRET_KEY, List.of(), SALT, clock));
	}

	/**
	 * Return the JSON of the session data that an entry holds; by default the signed data
	 * of the token.
	 * @param entry the entry as stored in Redis
	 * @return the JSON
	 * @throws BadSignatureException if the entry is not a token signed by the engine
	 */
	protected String storedJson(String entry) throws BadSignatureException {
		TimestampSigner signer = new TimestampSigner(SECRET_KEY, List.of(), SALT, clock());
		return new String(signer.unsign(entry, SessionCodec.DEFAULT_MAX_DATA_SIZE).data(), StandardCharsets.UTF_8);
	}

	@Override
	protected SessionEngine createUnreachableEngine(MutableClock clock, SessionExpiry expiry) throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		this.unreachable = RedisTestSupport.standalone("127.0.0.1", closedPort, Duration.ofMillis(500), null);
		return new CacheSessionEngine(new RedisSessionCacheStore(this.unreachable, this.prefix), format(clock), expiry);
	}

	@Override
	protected boolean purgesExpiredSessions() {
		// Redis expires keys by itself
		return false;
	}

	@Override
	protected void advanceClock(Duration duration) {
		super.advanceClock(duration);
		RedisTestSupport.advanceTime(this.redis, this.prefix, duration);
	}

	@Override
	protected SessionRegistryStore createRegistryStore(MutableClock clock) {
		return new RedisSessionRegistryStore(connectionFactory(), this.prefix + "registry:", clock);
	}

	@Override
	protected SessionRegistryStore createSecondRegistryStore(MutableClock clock, SessionRegistryStore first) {
		return new RedisSessionRegistryStore(connectionFactory(), this.prefix + "registry:", clock);
	}

	@AfterEach
	void deleteTestKeys() {
		if (this.unreachable != null) {
			this.unreachable.destroy();
		}
		if (this.redis != null) {
			RedisTestSupport.deleteKeys(this.redis, this.prefix);
		}
	}

	/**
	 * Return the key prefix of the current test.
	 * @return the prefix
	 */
	protected final String prefix() {
		return this.prefix;
	}

	/**
	 * Return a template on {@link #connectionFactory()}.
	 * @return the template
	 */
	protected final StringRedisTemplate redis() {
		return this.redis;
	}

	private long timeToLiveMillis(String key) {
		Long millis = this.redis.getExpire(this.prefix + key, TimeUnit.MILLISECONDS);
		assertThat(millis).as("time to live of " + key).isNotNull();
		return millis;
	}

	private void warmUp() {
		// opens the connections, so that only the commands under test are recorded
		this.redis.hasKey(this.prefix + "warm-up");
		engine().load(SessionKeys.generate());
		// makes Redis know the compare-and-set script, which is then sent by its digest
		this.store.compareAndSet("warm-up", "x", "y", Duration.ofSeconds(1));
		commands().reset();
	}

	@Test
	void sessionIsOneKeyUnderThePrefixHoldingItsData() throws BadSignatureException {
		String key = create(data("user", "alice"));
		assertThat(RedisTestSupport.keys(this.redis, this.prefix)).containsExactly(this.prefix + key);
		String entry = this.redis.opsForValue().get(this.prefix + key);
		assertThat(entry).isNotNull();
		assertThat(storedJson(entry)).isEqualTo("{\"user\":\"alice\"}");
	}

	@Test
	void defaultKeyPrefixIsSession() {
		RedisSessionCacheStore defaultStore = new RedisSessionCacheStore(connectionFactory(),
				RedisSessionCacheStore.DEFAULT_KEY_PREFIX);
		String key = SessionKeys.generate();
		try {
			assertThat(defaultStore.add(key, "value", Duration.ofMinutes(1))).isTrue();
			assertThat(this.redis.opsForValue().get("session:" + key)).isEqualTo("value");
			assertThat(this.store.get(key)).isNull();
		}
		finally {
			this.redis.delete("session:" + key);
		}
	}

	@Test
	void timeToLiveIsTheSessionsExpiry() {
		String standard = create(data("a", 1));
		assertThat(timeToLiveMillis(standard)).isCloseTo(COOKIE_AGE.toMillis(), within(5_000L))
			.isLessThanOrEqualTo(COOKIE_AGE.toMillis());
		String seconds = create(data("a", 1, SessionExpiry.EXPIRY_KEY, 60));
		assertThat(timeToLiveMillis(seconds)).isCloseTo(60_000L, within(5_000L)).isLessThanOrEqualTo(60_000L);
		String dated = create(data("a", 1, SessionExpiry.EXPIRY_KEY, SessionExpiry.format(START.plusSeconds(90))));
		assertThat(timeToLiveMillis(dated)).isCloseTo(90_000L, within(5_000L)).isLessThanOrEqualTo(90_000L);
		String browser = create(data("a", 1, SessionExpiry.EXPIRY_KEY, 0));
		assertThat(timeToLiveMillis(browser)).isCloseTo(COOKIE_AGE.toMillis(), within(5_000L));
	}

	@Test
	void updateRestartsTheTimeToLive() {
		String key = create(data("a", 1));
		advanceClock(Duration.ofDays(3));
		assertThat(timeToLiveMillis(key)).isCloseTo(COOKIE_AGE.minusDays(3).toMillis(), within(5_000L));
		save(key, data("a", 2), false);
		assertThat(timeToLiveMillis(key)).isCloseTo(COOKIE_AGE.toMillis(), within(5_000L));
	}

	@Test
	void expiredSessionIsNotStoredAndAnUpdateToAPastExpiryDeletesIt() {
		String fresh = SessionKeys.generate();
		engine().save(fresh, data("a", 1), clock().instant().minusSeconds(1), true);
		assertThat(this.redis.hasKey(this.prefix + fresh)).isFalse();
		String existing = create(data("a", 1));
		engine().save(existing, data("a", 2), clock().instant(), false);
		assertThat(this.redis.hasKey(this.prefix + existing)).isFalse();
	}

	@Test
	void expiredSessionsAreGoneFromRedisNotOnlyHidden() {
		String expiring = create(data("a", 1, SessionExpiry.EXPIRY_KEY, 10));
		String live = create(data("a", 2));
		advanceClock(Duration.ofSeconds(11));
		assertThat(RedisTestSupport.keys(this.redis, this.prefix)).containsExactly(this.prefix + live);
		assertThat(engine().load(expiring)).isNull();
	}

	@Test
	void keysExpireOnRedisOwnClock() throws InterruptedException {
		Clock systemClock = Clock.systemUTC();
		SessionExpiry realExpiry = new SessionExpiry(COOKIE_AGE, false, systemClock);
		SessionEngine realTime = new CacheSessionEngine(this.store, format(systemClock), realExpiry);
		Session session = new SessionFactory(realTime, realExpiry, new JsonSessionSerializer()).open(null);
		session.set("user", "alice");
		session.setExpiry(1);
		session.save();
		Instant saved = Instant.now();
		String key = session.getSessionKey();
		assertThat(realTime.load(key)).containsEntry("user", "alice");
		assertThat(timeToLiveMillis(key)).isBetween(1L, 1000L);
		Thread.sleep(Math.max(0, Duration.between(Instant.now(), saved.plusMillis(1200)).toMillis()));
		assertThat(realTime.load(key)).isNull();
		assertThat(this.redis.hasKey(this.prefix + key)).isFalse();
	}

	@Test
	void compareAndSetSendsTheScriptWhenRedisHasForgottenIt() {
		this.store.add("k", "first", Duration.ofMinutes(2));
		warmUp();
		this.redis.execute((RedisCallback<Void>) (connection) -> {
			connection.scriptingCommands().scriptFlush();
			return null;
		});
		commands().reset();
		assertThat(this.store.compareAndSet("k", "first", "second", Duration.ofMinutes(5)))
			.isEqualTo(CacheSwap.SWAPPED);
		assertThat(commands().names()).containsExactly("EVALSHA", "EVAL");
		commands().reset();
		assertThat(this.store.compareAndSet("k", "second", "third", Duration.ofMinutes(5)))
			.isEqualTo(CacheSwap.SWAPPED);
		assertThat(commands().names()).as("known again, the script is sent by its digest").containsExactly("EVALSHA");
		assertThat(this.store.get("k")).isEqualTo("third");
	}

	@Test
	void loadIsOneGet() {
		String key = create(data("a", 1));
		warmUp();
		assertThat(engine().load(key)).containsEntry("a", 1);
		assertThat(commands().commands()).singleElement().asString().startsWith("GET key<" + this.prefix + key + ">");
	}

	@Test
	void loadOfAnUnknownKeyIsOneGet() {
		warmUp();
		assertThat(engine().load(SessionKeys.generate())).isNull();
		assertThat(commands().names()).containsExactly("GET");
	}

	@Test
	void createIsOneSetIfAbsentWithTheTimeToLive() {
		warmUp();
		String key = create(data("a", 1));
		assertThat(commands().commands()).singleElement()
			.asString()
			.startsWith("SET key<" + this.prefix + key + ">")
			.containsPattern(" (PX|EX) " + COOKIE_AGE.toSeconds() + "(000)?( |$)")
			.containsPattern(" NX( |$)")
			.doesNotContainPattern(" XX( |$)");
	}

	@Test
	void updateIsOneSetIfPresentWithTheTimeToLive() {
		String key = create(data("a", 1));
		warmUp();
		save(key, data("a", 2, SessionExpiry.EXPIRY_KEY, 60), false);
		assertThat(commands().commands()).singleElement()
			.asString()
			.startsWith("SET key<" + this.prefix + key + ">")
			.containsPattern(" (PX 60000|EX 60)( |$)")
			.containsPattern(" XX( |$)")
			.doesNotContainPattern(" NX( |$)");
	}

	@Test
	void deleteIsOneDel() {
		String key = create(data("a", 1));
		warmUp();
		engine().delete(key);
		assertThat(commands().commands()).singleElement().asString().startsWith("DEL key<" + this.prefix + key + ">");
	}

	@Test
	void requestThatReadsAndWritesASessionSendsTwoCommands() {
		String key = create(data("user", "alice"));
		SessionFactory sessions = sessions();
		warmUp();
		Session session = sessions.open(key);
		assertThat(session.get("user")).isEqualTo("alice");
		session.set("visits", 2);
		session.save();
		assertThat(commands().names()).containsExactly("GET", "EVALSHA");
		assertThat(commands().commands().get(1)).contains("key<" + this.prefix + key + ">");
	}

	@Test
	void saveThatMeetsAConcurrentSaveCostsOneMoreScriptAndNoRead() {
		String key = create(data("user", "alice"));
		SessionFactory sessions = sessions();
		Session first = sessions.open(key);
		Session second = sessions.open(key);
		first.ensureLoaded();
		second.ensureLoaded();
		first.set("a", 1);
		first.save();
		warmUp();
		second.set("b", 2);
		second.save();
		assertThat(commands().names()).containsExactly("EVALSHA", "EVALSHA");
		assertThat(sessions.getSaveConflicts()).isOne();
		assertThat(engine().load(key)).containsEntry("a", 1).containsEntry("b", 2).containsEntry("user", "alice");
	}

}
