package io.sessionengines.engine.signedcookies;

import java.time.Duration;

import io.sessionengines.engine.MutableClock;
import io.sessionengines.registry.RedisSessionRegistryStore;
import io.sessionengines.registry.SessionRegistryStore;
import io.sessionengines.testsupport.RedisTestSupport;
import io.sessionengines.testsupport.TestBackends;
import io.sessionengines.testsupport.TestBackends.RedisEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The {@code signed_cookies} engine with its registry and revocations in Redis
 * ({@code session.registry.store=redis}), as several instances share them: the engine
 * contract again, the registry's included, with a second instance on its own store
 * object.
 *
 * @author Session Engines contributors
 */
class SignedCookieSessionEngineOnRedisRegistryIntegrationTests extends SignedCookieSessionEngineTests {

	private static LettuceConnectionFactory connectionFactory;

	private final String prefix = TestBackends.uniqueName("registry_it") + ":";

	@AfterAll
	static void disconnect() {
		if (connectionFactory != null) {
			connectionFactory.destroy();
		}
	}

	@Override
	protected SessionRegistryStore createRegistryStore(MutableClock clock) {
		return new RedisSessionRegistryStore(connectionFactory(), this.prefix, clock);
	}

	@Override
	protected SessionRegistryStore createSecondRegistryStore(MutableClock clock, SessionRegistryStore first) {
		return new RedisSessionRegistryStore(connectionFactory(), this.prefix, clock);
	}

	@AfterEach
	void deleteTestKeys() {
		if (connectionFactory != null) {
			RedisTestSupport.deleteKeys(new StringRedisTemplate(connectionFactory), this.prefix);
		}
	}

	private static synchronized LettuceConnectionFactory connectionFactory() {
		if (connectionFactory == null) {
			RedisEndpoint redis = TestBackends.redis();
			connectionFactory = RedisTestSupport.standalone(redis.host(), redis.port(), Duration.ofSeconds(10), null);
		}
		return connectionFactory;
	}

}
