package io.sessionengines.engine.cache;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import io.sessionengines.engine.MutableClock;
import io.sessionengines.testsupport.RedisTestSupport;
import io.sessionengines.testsupport.TestBackends;
import io.sessionengines.testsupport.TestBackends.RedisEndpoint;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Tests for {@link RedisSessionCacheStore}: the cache store contract, on the standalone
 * Redis server of {@link TestBackends#redis()}.
 * <p>
 * Redis expires keys on its own clock, so {@link #advanceClock(Duration)} shortens the
 * time to live of this test's keys by the same amount. Each test uses its own key prefix
 * and deletes its keys afterwards.
 *
 * @author Session Engines contributors
 */
class RedisSessionCacheStoreIntegrationTests extends AbstractSessionCacheStoreTests {

	private static @Nullable LettuceConnectionFactory connectionFactory;

	private StringRedisTemplate redis;

	private String prefix;

	private @Nullable LettuceConnectionFactory unreachable;

	@Override
	protected SessionCacheStore createStore(MutableClock clock) {
		if (connectionFactory == null) {
			RedisEndpoint endpoint = TestBackends.redis();
			connectionFactory = RedisTestSupport.standalone(endpoint.host(), endpoint.port(), Duration.ofSeconds(10),
					null);
		}
		this.redis = new StringRedisTemplate(connectionFactory);
		this.prefix = TestBackends.uniqueName("cache_store_it") + ":";
		return new RedisSessionCacheStore(connectionFactory, this.prefix);
	}

	@Override
	protected SessionCacheStore createUnreachableStore() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		this.unreachable = RedisTestSupport.standalone("127.0.0.1", closedPort, Duration.ofMillis(500), null);
		return new RedisSessionCacheStore(this.unreachable, this.prefix);
	}

	@Override
	protected void advanceClock(Duration duration) {
		super.advanceClock(duration);
		RedisTestSupport.advanceTime(this.redis, this.prefix, duration);
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

	@AfterAll
	static void disconnect() {
		if (connectionFactory != null) {
			connectionFactory.destroy();
			connectionFactory = null;
		}
	}

}
