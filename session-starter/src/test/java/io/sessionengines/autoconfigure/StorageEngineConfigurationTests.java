package io.sessionengines.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionStoreUnavailableException;
import io.sessionengines.engine.cache.CacheSessionEngine;
import io.sessionengines.engine.cache.CaffeineSessionCacheStore;
import io.sessionengines.engine.cache.RedisSessionCacheStore;
import io.sessionengines.engine.cache.SessionCacheStore;
import io.sessionengines.engine.cacheddb.CachedDbSessionEngine;
import io.sessionengines.engine.file.FileSessionEngine;
import io.sessionengines.session.Session;
import io.sessionengines.session.SessionFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@code file}, {@code cache} and {@code cached_db} engine configurations
 * of {@link SessionEngineAutoConfiguration}, the session cache stores they use, and the
 * scheduled purge.
 *
 * @author Session Engines contributors
 */
class StorageEngineConfigurationTests {

	private static final String SECRET_KEY = "k3y-0f-f0rty-tw0-ch4racters-f0r-th3-t3sts";

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SessionEngineAutoConfiguration.class,
				DataSourceAutoConfiguration.class, DataRedisAutoConfiguration.class))
		.withPropertyValues("spring.datasource.generate-unique-name=true", "session.secret-key=" + SECRET_KEY);

	@TempDir
	Path directory;

	@Test
	void fileEngineStoresSessionsInTheConfiguredDirectoryNamedAfterTheCookie() {
		this.contextRunner
			.withPropertyValues("session.engine=file", "session.file.path=" + this.directory, "session.cookie.name=sid")
			.run((context) -> {
				assertThat(context).hasSingleBean(FileSessionEngine.class);
				String key = saveSession(context);
				assertThat(this.directory.resolve("sid" + key)).isRegularFile();
			});
	}

	@Test
	void fileEngineDefaultsToTheTemporaryDirectory() {
		this.contextRunner.withPropertyValues("session.engine=file").run((context) -> {
			String key = saveSession(context);
			Path file = Path.of(System.getProperty("java.io.tmpdir"), "sessionid" + key);
			try {
				assertThat(file).isRegularFile();
			}
			finally {
				Files.deleteIfExists(file);
			}
		});
	}

	@Test
	void fileEngineWithAMissingDirectoryFailsAtStartUp() {
		Path missing = this.directory.resolve("missing");
		this.contextRunner.withPropertyValues("session.engine=file", "session.file.path=" + missing).run((context) -> {
			SessionConfigurationException failure = failure(context);
			assertThat(failure).hasMessageContaining(missing.toString())
				.hasMessageContaining("not a writable directory");
			assertThat(failure.getAction()).contains("session.file.path").contains("SESSION_FILE_PATH");
		});
	}

	@Test
	void cacheEngineUsesTheInProcessCacheByDefault() {
		this.contextRunner.withPropertyValues("session.engine=cache").run((context) -> {
			assertThat(context).hasSingleBean(CacheSessionEngine.class)
				.hasSingleBean(CaffeineSessionCacheStore.class)
				.doesNotHaveBean(RedisSessionCacheStore.class);
			String key = saveSession(context);
			assertThat(context.getBean(SessionCacheStore.class).get(key)).isNotNull();
		});
	}

	@Test
	void memoryCacheIsBoundedByTheConfiguredMaximumSize() {
		this.contextRunner.withPropertyValues("session.engine=cache", "session.cache.maximum-size=2").run((context) -> {
			SessionCacheStore store = context.getBean(SessionCacheStore.class);
			for (int i = 0; i < 50; i++) {
				store.set("key" + i, "value", Duration.ofHours(1));
			}
			int present = 0;
			for (int i = 0; i < 50; i++) {
				present += (store.get("key" + i) != null) ? 1 : 0;
			}
			assertThat(present).isLessThanOrEqualTo(10);
		});
	}

	@Test
	void redisAliasUsesRedisThroughSpringBootsConnection() {
		this.contextRunner.withPropertyValues("session.engine=cache", "session.cache-alias=redis")
			.run((context) -> assertThat(context).hasSingleBean(CacheSessionEngine.class)
				.hasSingleBean(RedisSessionCacheStore.class)
				.doesNotHaveBean(CaffeineSessionCacheStore.class));
	}

	@Test
	void redisStoreOfTheCacheEngineWaitsAtMostTheCacheTimeout() {
		this.contextRunner.withPropertyValues("session.engine=cache", "session.cache-alias=redis")
			.run((context) -> assertThat(context.getBean(RedisSessionCacheStore.class).getTimeout())
				.isEqualTo(Duration.ofSeconds(2)));
		this.contextRunner
			.withPropertyValues("session.engine=cache", "session.cache-alias=redis", "session.cache.timeout=750ms",
					"session.cache.cached-db-timeout=50ms")
			.run((context) -> assertThat(context.getBean(RedisSessionCacheStore.class).getTimeout())
				.isEqualTo(Duration.ofMillis(750)));
	}

	@Test
	void redisStoreOfTheCachedDbEngineWaitsAtMostTheShorterCachedDbTimeout() {
		this.contextRunner.withPropertyValues("session.engine=cached_db", "session.cache-alias=redis")
			.run((context) -> assertThat(context.getBean(RedisSessionCacheStore.class).getTimeout())
				.isEqualTo(Duration.ofMillis(200)));
		this.contextRunner
			.withPropertyValues("session.engine=cached_db", "session.cache-alias=redis", "session.cache.timeout=5s",
					"session.cache.cached-db-timeout=100")
			.run((context) -> assertThat(context.getBean(RedisSessionCacheStore.class).getTimeout())
				.isEqualTo(Duration.ofMillis(100)));
	}

	@Test
	void cachedDbEngineServesCachedCopiesAtMostTheEntryLifetime() {
		this.contextRunner.withPropertyValues("session.engine=cached_db")
			.run((context) -> assertThat(context.getBean(CachedDbSessionEngine.class).getCacheEntryLifetime())
				.isEqualTo(Duration.ofMinutes(1)));
		this.contextRunner.withPropertyValues("session.engine=cached_db", "session.cache.cached-db-entry-lifetime=30")
			.run((context) -> assertThat(context.getBean(CachedDbSessionEngine.class).getCacheEntryLifetime())
				.isEqualTo(Duration.ofSeconds(30)));
	}

	@Test
	void redisAliasCapsLettucesReconnectDelayAtOneSecond() {
		this.contextRunner.withPropertyValues("session.engine=cache", "session.cache-alias=redis").run((context) -> {
			Delay delay = context.getBean(ClientResources.class).reconnectDelay();
			assertThat(delay.createDelay(1)).isLessThan(Duration.ofMillis(10));
			assertThat(delay.createDelay(30)).isEqualTo(Duration.ofSeconds(1));
		});
	}

	@Test
	void otherAliasesLeaveLettucesReconnectDelayAlone() {
		this.contextRunner.withPropertyValues("session.engine=cache")
			.run((context) -> assertThat(context.getBean(ClientResources.class).reconnectDelay().createDelay(30))
				.isEqualTo(Duration.ofSeconds(30)));
	}

	@Test
	void applicationsReconnectDelayWinsOverTheCap() {
		this.contextRunner.withUserConfiguration(ReconnectDelayConfiguration.class)
			.withPropertyValues("session.engine=cache", "session.cache-alias=redis")
			.run((context) -> assertThat(context.getBean(ClientResources.class).reconnectDelay().createDelay(30))
				.isEqualTo(Duration.ofSeconds(5)));
	}

	@Test
	void cacheAliasIsReadFromDjangosEnvironmentVariable() {
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								Map.of("SESSION_ENGINE", "cache", "SESSION_CACHE_ALIAS", "redis"))))
			.run((context) -> assertThat(context).hasSingleBean(RedisSessionCacheStore.class));
	}

	@Test
	void redisAliasWithoutRedisFailsNamingTheStarter() {
		new WebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(SessionEngineAutoConfiguration.class, DataSourceAutoConfiguration.class))
			.withPropertyValues("session.secret-key=" + SECRET_KEY, "session.engine=cache", "session.cache-alias=redis")
			.run((context) -> {
				SessionConfigurationException failure = failure(context);
				assertThat(failure).hasMessageContaining("'redis' session cache");
				assertThat(failure.getAction()).contains("spring-boot-starter-data-redis");
			});
	}

	@Test
	void memoryAliasWithoutCaffeineFailsNamingCaffeine() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Caffeine.class))
			.withPropertyValues("session.engine=cache")
			.run((context) -> assertThat(failure(context).getAction()).contains("caffeine"));
	}

	@Test
	void anotherAliasUsesTheApplicationsStoreOfThatName() {
		this.contextRunner.withUserConfiguration(CustomStoreConfiguration.class)
			.withPropertyValues("session.engine=cache", "session.cache-alias=sessions")
			.run((context) -> {
				saveSession(context);
				assertThat(context.getBean(MapSessionCacheStore.class).entries).hasSize(1);
			});
	}

	@Test
	void unknownAliasFailsWithTheValidOnes() {
		this.contextRunner.withPropertyValues("session.engine=cache", "session.cache-alias=nowhere").run((context) -> {
			SessionConfigurationException failure = failure(context);
			assertThat(failure).hasMessageContaining("'nowhere' session cache");
			assertThat(failure.getAction()).contains("memory").contains("redis").contains("named 'nowhere'");
		});
	}

	@Test
	void cachedDbEngineReadsTheDatabaseThroughTheCache() {
		this.contextRunner.withPropertyValues("session.engine=cached_db").run((context) -> {
			assertThat(context).hasSingleBean(CachedDbSessionEngine.class)
				.hasSingleBean(CaffeineSessionCacheStore.class);
			String key = saveSession(context);
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM django_session WHERE session_key = ?", Integer.class,
					key))
				.isOne();
			assertThat(context.getBean(SessionCacheStore.class).get(key)).isNotNull();
		});
	}

	@Test
	void cachedDbEngineWithoutDataSourceFailsNamingTheJdbcStarter() {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(SessionEngineAutoConfiguration.class))
			.withPropertyValues("session.secret-key=" + SECRET_KEY, "session.engine=cached_db")
			.run((context) -> {
				SessionConfigurationException failure = failure(context);
				assertThat(failure).hasMessageContaining("'cached_db' session engine needs spring-jdbc");
				assertThat(failure.getAction()).contains("spring-boot-starter-jdbc");
			});
	}

	@Test
	void storesAreOnlyCreatedForTheEnginesThatUseThem() {
		this.contextRunner.withPropertyValues("session.engine=db")
			.run((context) -> assertThat(context).doesNotHaveBean(SessionCacheStore.class));
	}

	@Test
	void purgeIsOffByDefault() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(SessionPurgeScheduler.class));
	}

	@Test
	void purgeIntervalSchedulesThePurge() {
		this.contextRunner.withPropertyValues("session.purge-interval=3600").run((context) -> {
			assertThat(context).hasSingleBean(SessionPurgeScheduler.class);
			assertThat(context.getBean(SessionPurgeScheduler.class).isRunning()).isTrue();
		});
	}

	@Test
	void scheduledPurgeClearsExpiredSessionsAndKeepsRunning() {
		AtomicInteger calls = new AtomicInteger();
		SessionPurgeScheduler scheduler = new SessionPurgeScheduler(countingEngine(calls, OptionalLong.of(3)),
				Duration.ofHours(1));
		scheduler.start();
		scheduler.purge();
		assertThat(calls).hasValue(1);
		assertThat(scheduler.isRunning()).isTrue();
		scheduler.stop();
		assertThat(scheduler.isRunning()).isFalse();
	}

	@Test
	void scheduledPurgeStopsOnAnEngineThatExpiresSessionsByItself() {
		AtomicInteger calls = new AtomicInteger();
		SessionPurgeScheduler scheduler = new SessionPurgeScheduler(countingEngine(calls, OptionalLong.empty()),
				Duration.ofHours(1));
		scheduler.start();
		scheduler.purge();
		assertThat(scheduler.isRunning()).isFalse();
	}

	@Test
	void scheduledPurgeSurvivesAFailure() {
		SessionPurgeScheduler scheduler = new SessionPurgeScheduler(new FailingPurgeEngine(), Duration.ofHours(1));
		scheduler.start();
		scheduler.purge();
		assertThat(scheduler.isRunning()).isTrue();
		scheduler.stop();
	}

	private static String saveSession(AssertableWebApplicationContext context) {
		Session session = context.getBean(SessionFactory.class).open(null);
		session.set("user", "alice");
		session.save();
		String key = session.getSessionKey();
		assertThat(key).isNotNull();
		assertThat(context.getBean(SessionFactory.class).open(key).get("user")).isEqualTo("alice");
		return key;
	}

	private static SessionConfigurationException failure(AssertableWebApplicationContext context) {
		assertThat(context).hasFailed();
		for (Throwable candidate = context.getStartupFailure(); candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof SessionConfigurationException failure) {
				return failure;
			}
		}
		throw new AssertionError("No SessionConfigurationException in " + context.getStartupFailure());
	}

	private static SessionEngine countingEngine(AtomicInteger calls, OptionalLong result) {
		return new FailingPurgeEngine() {

			@Override
			public OptionalLong clearExpired() {
				calls.incrementAndGet();
				return result;
			}

		};
	}

	static class FailingPurgeEngine implements SessionEngine {

		@Override
		public @Nullable Map<String, @Nullable Object> load(String key) {
			return null;
		}

		@Override
		public String save(String key, Map<String, @Nullable Object> data, Instant expiresAt, boolean mustCreate) {
			return key;
		}

		@Override
		public void delete(String key) {
		}

		@Override
		public OptionalLong clearExpired() {
			throw new SessionStoreUnavailableException("database down", null);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomStoreConfiguration {

		@Bean
		MapSessionCacheStore sessions() {
			return new MapSessionCacheStore();
		}

	}

	static class MapSessionCacheStore implements SessionCacheStore {

		final Map<String, String> entries = new ConcurrentHashMap<>();

		@Override
		public @Nullable String get(String key) {
			return this.entries.get(key);
		}

		@Override
		public boolean add(String key, String value, Duration timeToLive) {
			return this.entries.putIfAbsent(key, value) == null;
		}

		@Override
		public boolean replace(String key, String value, Duration timeToLive) {
			return this.entries.replace(key, value) != null;
		}

		@Override
		public void set(String key, String value, Duration timeToLive) {
			this.entries.put(key, value);
		}

		@Override
		public void delete(String key) {
			this.entries.remove(key);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ReconnectDelayConfiguration {

		@Bean
		ClientResourcesBuilderCustomizer constantReconnectDelay() {
			return (builder) -> builder.reconnectDelay(Delay.constant(Duration.ofSeconds(5)));
		}

	}

}
