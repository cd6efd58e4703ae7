package io.sessionengines.engine.cache;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisSessionCacheStore#connectInBackground()}, without Redis.
 *
 * @author Session Engines contributors
 */
class RedisSessionCacheStoreConnectionTests {

	@Test
	void connectInBackgroundOpensTheConnectionOnAnotherThreadWithoutWaitingForIt() throws InterruptedException {
		CountDownLatch asked = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicReference<String> thread = new AtomicReference<>();
		LettuceConnectionFactory factory = new LettuceConnectionFactory() {

			@Override
			public RedisConnection getConnection() {
				thread.set(Thread.currentThread().getName());
				asked.countDown();
				try {
					release.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				throw new IllegalStateException("no Redis in this test");
			}

		};
		try {
			new RedisSessionCacheStore(factory, "session:").connectInBackground();
			assertThat(asked.await(10, TimeUnit.SECONDS)).as("the connection was asked for").isTrue();
			assertThat(thread.get()).isEqualTo("session-redis-connect");
		}
		finally {
			release.countDown();
		}
	}

}
