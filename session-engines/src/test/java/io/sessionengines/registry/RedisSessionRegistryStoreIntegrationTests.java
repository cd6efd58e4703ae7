package io.sessionengines.registry;

import java.time.Duration;

import io.sessionengines.testsupport.RedisTestSupport;
import io.sessionengines.testsupport.TestBackends;
import io.sessionengines.testsupport.TestBackends.RedisEndpoint;
import org.junit.jupiter.api.AfterAll;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Tests for {@link RedisSessionRegistryStore} against a standalone Redis server: the one
 * of {@link TestBackends#redis()}, through two connection factories, as two instances of
 * an application.
 *
 * @author Session Engines contributors
 */
class RedisSessionRegistryStoreIntegrationTests extends AbstractRedisSessionRegistryStoreTests {

	private static LettuceConnectionFactory connectionFactory;

	private static LettuceConnectionFactory secondConnectionFactory;

	@AfterAll
	static void disconnect() {
		try {
			if (connectionFactory != null) {
				connectionFactory.destroy();
			}
		}
		finally {
			if (secondConnectionFactory != null) {
				secondConnectionFactory.destroy();
			}
		}
	}

	@Override
	protected RedisConnectionFactory connectionFactory() {
		if (connectionFactory == null) {
			connectionFactory = connect();
		}
		return connectionFactory;
	}

	@Override
	protected RedisConnectionFactory secondConnectionFactory() {
		if (secondConnectionFactory == null) {
			secondConnectionFactory = connect();
		}
		return secondConnectionFactory;
	}

	private static LettuceConnectionFactory connect() {
		RedisEndpoint redis = TestBackends.redis();
		return RedisTestSupport.standalone(redis.host(), redis.port(), Duration.ofSeconds(10), null);
	}

}
