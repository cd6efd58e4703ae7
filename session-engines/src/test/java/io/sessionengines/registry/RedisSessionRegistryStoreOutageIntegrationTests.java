package io.sessionengines.registry;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.sessionengines.engine.SessionStoreUnavailableException;
import io.sessionengines.testsupport.RedisServerProcess;
import io.sessionengines.testsupport.RedisTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Tests for {@link RedisSessionRegistryStore} when Redis cannot be reached or does not
 * answer: every operation reports {@link SessionStoreUnavailableException} within the
 * connection factory's timeouts instead of hanging. Runs against a port nothing listens
 * on and a private {@code redis-server} that the tests pause; the shared test server is
 * never touched.
 *
 * @author Session Engines contributors
 */
class RedisSessionRegistryStoreOutageIntegrationTests {

	private static final Duration COMMAND_TIMEOUT = Duration.ofMillis(500);

	/**
	 * Far longer than the command timeout, short of a hang.
	 */
	private static final Duration BOUND = Duration.ofSeconds(10);

	@TempDir
	Path directory;

	private RedisServerProcess redis;

	private LettuceConnectionFactory connectionFactory;

	@AfterEach
	void stop() {
		try {
			if (this.connectionFactory != null) {
				this.connectionFactory.destroy();
			}
		}
		finally {
			if (this.redis != null) {
				this.redis.close();
			}
		}
	}

	@Test
	void everyOperationReportsARedisThatCannotBeReached() {
		this.connectionFactory = RedisTestSupport.standalone(RedisServerProcess.HOST, RedisServerProcess.freePort(),
				COMMAND_TIMEOUT, null);
		assertEveryOperationIsUnavailable(
				new RedisSessionRegistryStore(this.connectionFactory, "registry:", Clock.systemUTC()));
	}

	@Test
	void everyOperationReportsARedisThatDoesNotAnswerAndWorksWhenItDoes() {
		this.redis = RedisServerProcess.start(this.directory);
		this.connectionFactory = RedisTestSupport.standalone(RedisServerProcess.HOST, this.redis.port(),
				COMMAND_TIMEOUT, null);
		RedisSessionRegistryStore store = new RedisSessionRegistryStore(this.connectionFactory, "registry:",
				Clock.systemUTC());
		RegisteredSession session = session("alice");
		assertThat(store.register(session, SessionRegistryStore.ANY_VERSION, List.of())).isEmpty();
		this.redis.pause();
		try {
			assertEveryOperationIsUnavailable(store);
		}
		finally {
			this.redis.resume();
		}
		assertThat(store.findById(session.id())).isNotNull();
	}

	private static void assertEveryOperationIsUnavailable(RedisSessionRegistryStore store) {
		RegisteredSession session = session("alice");
		List<Executable> operations = List.of(() -> store.find("alice", 10), () -> store.findById(session.id()),
				() -> store.register(session, SessionRegistryStore.ANY_VERSION, List.of()),
				() -> store.remove(session.id()), () -> store.removeAll("alice", null),
				() -> store.update(session.id(), null, Instant.now(), null),
				() -> store.revoke(session.id(), Instant.now().plusSeconds(60)), () -> store.revocations(Instant.EPOCH),
				() -> store.removeExpired(10), store::purgeExpired);
		for (Executable operation : operations) {
			assertTimeoutPreemptively(BOUND, () -> assertThatExceptionOfType(SessionStoreUnavailableException.class)
				.isThrownBy(operation::execute));
		}
	}

	private static RegisteredSession session(String principal) {
		Instant now = Instant.now();
		return new RegisteredSession(UUID.randomUUID().toString(), principal, "key", now, now, now,
				now.plus(Duration.ofHours(1)), null, null);
	}

}
