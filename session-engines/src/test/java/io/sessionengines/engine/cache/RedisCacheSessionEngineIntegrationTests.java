package io.sessionengines.engine.cache;

import java.time.Duration;

import io.sessionengines.testsupport.RedisTestSupport;
import io.sessionengines.testsupport.RedisTestSupport.CommandRecorder;
import io.sessionengines.testsupport.TestBackends;
import io.sessionengines.testsupport.TestBackends.RedisEndpoint;
import org.junit.jupiter.api.AfterAll;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Tests for {@link CacheSessionEngine} on {@link RedisSessionCacheStore} against a
 * standalone Redis server: the one of {@link TestBackends#redis()}.
 *
 * @author Session Engines contributors
 */
class RedisCacheSessionEngineIntegrationTests extends AbstractRedisCacheSessionEngineTests {

	private static final CommandRecorder recorder = new CommandRecorder();

	private static LettuceConnectionFactory connectionFactory;

	@AfterAll
	static void disconnect() {
		if (connectionFactory != null) {
			connectionFactory.destroy();
			// a subclass, which runs after this class, connects anew
			connectionFactory = null;
		}
	}

	@Override
	protected LettuceConnectionFactory connectionFactory() {
		if (connectionFactory == null) {
			RedisEndpoint redis = TestBackends.redis();
			connectionFactory = RedisTestSupport.standalone(redis.host(), redis.port(), Duration.ofSeconds(10),
					recorder);
		}
		return connectionFactory;
	}

	@Override
	protected CommandRecorder commands() {
		return recorder;
	}

}
