package io.sessionengines.engine.cache;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.serializer.JsonSessionSerializer;
import io.sessionengines.session.Session;
import io.sessionengines.session.SessionFactory;
import io.sessionengines.testsupport.RedisTestSupport;
import io.sessionengines.testsupport.TestBackends;
import io.sessionengines.testsupport.TestBackends.RedisEndpoint;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests that the {@code cache} engine with {@link DjangoCacheFormat} shares sessions with
 * a real Django application's {@code cache} engine on Redis: Django 3.2's
 * {@code SessionStore}, run by {@code /usr/bin/python3} through
 * {@code django/django_cache_sessions.py}, on django-redis with its JSON serializer, and
 * on Django 4's {@code RedisCache} with {@code docs/django/session_engines_json.py} as
 * its serializer (rebuilt on redis-py by the script, as Django 3.2 lacks it).
 * <p>
 * Skipped when Python, Django, django-redis or redis-py is missing, unless
 * {@value TestBackends#REQUIRE_SERVICES} is {@code true}.
 *
 * @author Session Engines contributors
 */
class DjangoCacheInteropIntegrationTests {

	private static final Path PYTHON = Path.of("/usr/bin/python3");

	private static final Path SERIALIZER_DIRECTORY = Path.of("..", "docs", "django").toAbsolutePath().normalize();

	private static final Duration COOKIE_AGE = Duration.ofDays(14);

	/**
	 * The cache's {@code VERSION}, not Django's default, so that the tests see it used.
	 */
	private static final int VERSION = 3;

	private static final JsonMapper json = JsonMapper.shared();

	private static @Nullable String missingPython;

	private static @Nullable LettuceConnectionFactory connectionFactory;

	private RedisEndpoint redisEndpoint;

	private StringRedisTemplate redis;

	private String cacheKeyPrefix;

	private SessionFactory sessions;

	@BeforeEach
	void setUp() {
		String missing = missingPython();
		if (!missing.isEmpty()) {
			TestBackends.unavailable(missing);
		}
		this.redisEndpoint = TestBackends.redis();
		if (connectionFactory == null) {
			connectionFactory = RedisTestSupport.standalone(this.redisEndpoint.host(), this.redisEndpoint.port(),
					Duration.ofSeconds(10), new RedisTestSupport.CommandRecorder());
		}
		this.redis = new StringRedisTemplate(connectionFactory);
		this.cacheKeyPrefix = TestBackends.uniqueName("django_it");
		JsonSessionSerializer serializer = new JsonSessionSerializer();
		SessionExpiry expiry = new SessionExpiry(COOKIE_AGE, false, Clock.systemUTC());
		CacheSessionEngine engine = new CacheSessionEngine(
				new RedisSessionCacheStore(connectionFactory, DjangoCacheFormat.keyPrefix(this.cacheKeyPrefix, VERSION),
						Duration.ofSeconds(10)),
				new DjangoCacheFormat(serializer, SessionCodec.DEFAULT_MAX_DATA_SIZE), expiry);
		this.sessions = new SessionFactory(engine, expiry, serializer);
	}

	@AfterEach
	void deleteKeys() {
		if (this.redis != null) {
			RedisTestSupport.deleteKeys(this.redis, this.cacheKeyPrefix);
		}
	}

	@AfterAll
	static void disconnect() {
		if (connectionFactory != null) {
			connectionFactory.destroy();
			connectionFactory = null;
		}
	}

	@ParameterizedTest
	@EnumSource
	void sessionDjangoWritesIsReadWithItsDataAndExpiry(DjangoCache cache) {
		Map<String, Object> created = django(cache, "create",
				"{\"user\": \"alice\", \"n\": 1, \"cart\": [1, 2.5, null, true], \"caf\\u00e9\": \"\\u65e5\\u672c\\ud83d\\ude00\"}");
		Session session = this.sessions.open((String) created.get("key"));
		assertThat(session.items())
			.isEqualTo(Map.of("user", "alice", "n", 1, "cart", Arrays.asList(1, 2.5, null, true), "café", "日本😀"));
		assertThat(session.getExpiryAge()).isCloseTo(((Number) created.get("expiry_age")).longValue(), within(1L));
		assertThat(session.getExpiryAge()).isCloseTo(COOKIE_AGE.toSeconds(), within(1L));
	}

	@ParameterizedTest
	@EnumSource
	void sessionDjangoWritesWithACustomExpiryIsReadWithThatExpiry(DjangoCache cache) {
		Map<String, Object> seconds = django(cache, "create", "{\"user\": \"alice\"}", "300");
		Session session = this.sessions.open((String) seconds.get("key"));
		assertThat(session.get("user")).isEqualTo("alice");
		assertThat(session.getExpiryAge()).isEqualTo(300).isEqualTo(((Number) seconds.get("expiry_age")).longValue());
		// Django 3.2 keeps the datetime, which the cache's JSON encoder writes as an ISO
		// string (Django 4.1 and later store the string themselves)
		Map<String, Object> dated = django(cache, "create", "{\"user\": \"bob\"}", "timedelta:120");
		Session datedSession = this.sessions.open((String) dated.get("key"));
		assertThat(datedSession.get("user")).isEqualTo("bob");
		Instant djangoExpiry = SessionExpiry.parse((String) dated.get("expiry_date"));
		assertThat(djangoExpiry).isNotNull();
		assertThat(datedSession.getExpiryDate()).isCloseTo(djangoExpiry, within(1, ChronoUnit.SECONDS));
	}

	@ParameterizedTest
	@EnumSource
	void sessionThisApplicationWritesIsReadByDjangoWithItsDataAndExpiry(DjangoCache cache) {
		Session session = this.sessions.open(null);
		session.set("user", "alice");
		session.set("cart", Arrays.asList(1, 2.5, null, true));
		session.set("café", "日本😀");
		session.setExpiry(300);
		session.save();
		Instant expiresAt = session.getExpiryDate();
		Map<String, Object> loaded = django(cache, "load", session.getSessionKey());
		assertThat(loaded.get("key")).isEqualTo(session.getSessionKey());
		assertThat(loaded.get("data")).isEqualTo(Map.of("user", "alice", "cart", Arrays.asList(1, 2.5, null, true),
				"café", "日本😀", SessionExpiry.EXPIRY_KEY, 300));
		assertThat(((Number) loaded.get("expiry_age")).longValue()).isEqualTo(300);
		assertThat(redisExpiry(loaded)).isCloseTo(expiresAt, within(1, ChronoUnit.SECONDS));
		Session standard = this.sessions.open(null);
		standard.set("user", "bob");
		standard.save();
		Instant standardExpiresAt = standard.getExpiryDate();
		Map<String, Object> loadedStandard = django(cache, "load", standard.getSessionKey());
		assertThat(loadedStandard.get("data")).isEqualTo(Map.of("user", "bob"));
		assertThat(((Number) loadedStandard.get("expiry_age")).longValue()).isEqualTo(COOKIE_AGE.toSeconds())
			.isEqualTo(standard.getExpiryAge());
		assertThat(redisExpiry(loadedStandard)).isCloseTo(standardExpiresAt, within(1, ChronoUnit.SECONDS));
	}

	/**
	 * Return when the session's Redis key expires, by the time to live Django's side
	 * found.
	 */
	private static Instant redisExpiry(Map<String, Object> loaded) {
		assertThat(loaded.get("expires_at")).as("the key's expiry").isInstanceOf(Number.class);
		return Instant.ofEpochMilli(((Number) loaded.get("expires_at")).longValue());
	}

	@ParameterizedTest
	@EnumSource
	void updateOnEachSideIsSeenOnTheOther(DjangoCache cache) {
		String key = (String) django(cache, "create", "{\"user\": \"alice\", \"n\": 1}").get("key");
		Session session = this.sessions.open(key);
		assertThat(session.get("n")).isEqualTo(1);
		session.set("n", 2);
		session.save();
		assertThat(this.sessions.getSaveConflicts()).as("the entry Django wrote is the version").isZero();
		assertThat(django(cache, "load", key).get("data")).isEqualTo(Map.of("user", "alice", "n", 2));
		assertThat(django(cache, "update", key, "{\"n\": 3, \"via\": \"django\"}").get("key")).isEqualTo(key);
		assertThat(this.sessions.open(key).items()).isEqualTo(Map.of("user", "alice", "n", 3, "via", "django"));
	}

	@ParameterizedTest
	@EnumSource
	void deleteOnEachSideIsGoneOnTheOther(DjangoCache cache) {
		String djangoKey = (String) django(cache, "create", "{\"user\": \"alice\"}").get("key");
		Session session = this.sessions.open(djangoKey);
		assertThat(session.get("user")).isEqualTo("alice");
		session.flush();
		Map<String, Object> afterFlush = django(cache, "load", djangoKey);
		assertThat(afterFlush.get("key")).isNull();
		assertThat(afterFlush.get("data")).isEqualTo(Map.of());
		Session ours = this.sessions.open(null);
		ours.set("user", "bob");
		ours.save();
		django(cache, "delete", ours.getSessionKey());
		assertThat(this.sessions.getEngine().load(ours.getSessionKey())).isNull();
		Session reopened = this.sessions.open(ours.getSessionKey());
		assertThat(reopened.items()).isEmpty();
		assertThat(reopened.getSessionKey()).isNull();
	}

	@Test
	void shippedSerializerKeepsRedisSerializersIntegersAndWritesWhatDjangoRedisWrites() {
		django(DjangoCache.REDIS_CACHE, "check-serializer");
	}

	private Map<String, Object> django(DjangoCache cache, String... command) {
		List<String> arguments = new ArrayList<>(List.of(PYTHON.toString(), script().toString(), cache.backend));
		arguments.addAll(List.of(command));
		ProcessBuilder builder = new ProcessBuilder(arguments);
		Map<String, String> environment = builder.environment();
		environment.put("REDIS_URL", this.redisEndpoint.url());
		environment.put("KEY_PREFIX", this.cacheKeyPrefix);
		environment.put("CACHE_VERSION", Integer.toString(VERSION));
		environment.put("COOKIE_AGE", Long.toString(COOKIE_AGE.toSeconds()));
		environment.put("PYTHONPATH", SERIALIZER_DIRECTORY.toString());
		environment.put("PYTHONDONTWRITEBYTECODE", "1");
		environment.put("PYTHONIOENCODING", "utf-8");
		Result result = run(builder);
		assertThat(result.exitCode()).as("%s exited with %s:%n%s", arguments, result.exitCode(), result.errors())
			.isZero();
		@SuppressWarnings("unchecked")
		Map<String, Object> output = json.readValue(result.output(), Map.class);
		return output;
	}

	private static Path script() {
		try {
			return Path
				.of(DjangoCacheInteropIntegrationTests.class.getResource("/django/django_cache_sessions.py").toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static synchronized String missingPython() {
		if (missingPython == null) {
			missingPython = probePython();
		}
		return missingPython;
	}

	private static String probePython() {
		String needed = "These tests need " + PYTHON + " with Django 3.2 or later, django-redis and redis-py "
				+ "(Debian: apt install python3-django python3-django-redis python3-redis)";
		if (!Files.isExecutable(PYTHON)) {
			return needed + "; there is no " + PYTHON;
		}
		if (!Files.isRegularFile(SERIALIZER_DIRECTORY.resolve("session_engines_json.py"))) {
			return "These tests need docs/django/session_engines_json.py next to the module, at "
					+ SERIALIZER_DIRECTORY;
		}
		Result result = run(new ProcessBuilder(PYTHON.toString(), "-c", "import django, django_redis, redis"));
		return (result.exitCode() == 0) ? "" : needed + ": " + result.errors().strip();
	}

	private static Result run(ProcessBuilder builder) {
		try {
			Process process = builder.start();
			process.getOutputStream().close();
			CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
			String output = read(process.getInputStream());
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(builder.command() + " did not finish within 60 seconds");
			}
			return new Result(process.exitValue(), output, errors.join());
		}
		catch (IOException ex) {
			return new Result(-1, "", ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String read(InputStream stream) {
		try (stream) {
			return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

	/**
	 * The Django caches the sessions are shared through.
	 */
	enum DjangoCache {

		/**
		 * django-redis with {@code django_redis.serializers.json.JSONSerializer}.
		 */
		DJANGO_REDIS("django-redis"),

		/**
		 * Django 4's {@code RedisCache} with {@code session_engines_json.JSONSerializer}.
		 */
		REDIS_CACHE("redis-cache");

		private final String backend;

		DjangoCache(String backend) {
			this.backend = backend;
		}

	}

	private record Result(int exitCode, String output, String errors) {

	}

}
