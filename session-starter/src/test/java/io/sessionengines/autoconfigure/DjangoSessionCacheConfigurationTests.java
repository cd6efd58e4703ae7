package io.sessionengines.autoconfigure;

import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.cache.CacheSessionEngine;
import io.sessionengines.engine.cache.DjangoCacheFormat;
import io.sessionengines.engine.cache.RedisSessionCacheStore;
import io.sessionengines.engine.db.JdbcSessionEngine;
import io.sessionengines.registry.RedisSessionRegistryStore;
import io.sessionengines.registry.SessionRegistryStore;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@code cache} engine's Django form ({@code session.django.cache.*}) in
 * {@link SessionEngineAutoConfiguration}.
 *
 * @author Session Engines contributors
 */
class DjangoSessionCacheConfigurationTests {

	private static final String SECRET_KEY = "k3y-0f-f0rty-tw0-ch4racters-f0r-th3-t3sts";

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SessionEngineAutoConfiguration.class,
				DataSourceAutoConfiguration.class, DataRedisAutoConfiguration.class))
		.withPropertyValues("spring.datasource.generate-unique-name=true", "session.engine=cache",
				"session.cache-alias=redis");

	@Test
	void cacheEngineStoresDjangosUnsignedJsonUnderDjangosKeysWithoutASecretKey() {
		this.contextRunner
			.withPropertyValues("session.django.cache.enabled=true", "session.django.cache.key-prefix=shop",
					"session.django.cache.version=3")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(RedisSessionCacheStore.class)).hasFieldOrPropertyWithValue("keyPrefix",
						"shop:3:django.contrib.sessions.cache");
				assertThat(context.getBean(CacheSessionEngine.class)).extracting("format")
					.isInstanceOf(DjangoCacheFormat.class);
			});
	}

	@Test
	void keysHaveDjangosDefaultKeyPrefixAndVersionUnlessSet() {
		this.contextRunner.withPropertyValues("session.django.cache.enabled=true")
			.run((context) -> assertThat(context.getBean(RedisSessionCacheStore.class))
				.hasFieldOrPropertyWithValue("keyPrefix", ":1:django.contrib.sessions.cache"));
	}

	@Test
	void cacheEngineKeepsSignedEntriesUnderTheSessionKeyPrefixByDefault() {
		this.contextRunner.withPropertyValues("session.secret-key=" + SECRET_KEY).run((context) -> {
			assertThat(context.getBean(RedisSessionCacheStore.class)).hasFieldOrPropertyWithValue("keyPrefix",
					"session:");
			assertThat(context.getBean(CacheSessionEngine.class)).extracting("format").isInstanceOf(SessionCodec.class);
		});
	}

	@Test
	void registryStaysUnderTheSessionKeyPrefix() {
		this.contextRunner.withPropertyValues("session.django.cache.enabled=true")
			.run((context) -> assertThat(context.getBean(SessionRegistryStore.class))
				.isInstanceOf(RedisSessionRegistryStore.class)
				.hasFieldOrPropertyWithValue("keyPrefix", "session:registry:"));
	}

	@Test
	void inProcessCacheIsRefusedAsNoOtherProgramReadsIt() {
		this.contextRunner.withPropertyValues("session.django.cache.enabled=true", "session.cache-alias=memory")
			.run((context) -> {
				SessionConfigurationException failure = failure(context);
				assertThat(failure).hasMessageContaining("session.cache-alias is 'memory'")
					.hasMessageContaining("in-process");
				assertThat(failure.getAction()).contains("session.cache-alias=redis")
					.contains("session.django.cache.enabled off");
			});
	}

	@Test
	void storeOfTheApplicationIsRefusedAsItsKeysAreNotTheStartersToChoose() {
		this.contextRunner.withUserConfiguration(StorageEngineConfigurationTests.CustomStoreConfiguration.class)
			.withPropertyValues("session.django.cache.enabled=true", "session.cache-alias=sessions")
			.run((context) -> {
				SessionConfigurationException failure = failure(context);
				assertThat(failure).hasMessageContaining("'sessions'");
				assertThat(failure.getAction()).contains("DjangoCacheFormat.keyPrefix");
			});
	}

	@Test
	void javaSerializerIsRefused() {
		this.contextRunner.withPropertyValues("session.django.cache.enabled=true", "session.serializer=java")
			.run((context) -> {
				SessionConfigurationException failure = failure(context);
				assertThat(failure).hasMessageContaining("JavaSessionSerializer");
				assertThat(failure.getAction()).contains("session.serializer=json");
			});
	}

	@Test
	void cachedDbEngineIsRefusedAsDjangosCachedDbCouldServeOldData() {
		this.contextRunner
			.withPropertyValues("session.engine=cached_db", "session.secret-key=" + SECRET_KEY,
					"session.django.cache.enabled=true")
			.run((context) -> {
				SessionConfigurationException failure = failure(context);
				assertThat(failure).hasMessageContaining("'cache' engine only")
					.hasMessageContaining("older than what this application saved");
				assertThat(failure.getAction()).contains("session.engine=cache").contains("'db' engine");
			});
	}

	@Test
	void dbEngineIsLeftAlone() {
		this.contextRunner
			.withPropertyValues("session.engine=db", "session.secret-key=" + SECRET_KEY,
					"session.django.cache.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(JdbcSessionEngine.class));
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

}
