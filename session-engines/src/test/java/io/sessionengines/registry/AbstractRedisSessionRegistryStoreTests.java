package io.sessionengines.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.sessionengines.engine.MutableClock;
import io.sessionengines.testsupport.RedisTestSupport;
import io.sessionengines.testsupport.TestBackends;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisSessionRegistryStore}: the store contract, and what it keeps in
 * Redis. Each test uses a key prefix of its own and deletes its keys afterwards; the
 * second store is on a second connection factory, as another instance of the application
 * would be.
 *
 * @author Session Engines contributors
 */
abstract class AbstractRedisSessionRegistryStoreTests extends AbstractSessionRegistryStoreTests {

	private String prefix;

	private StringRedisTemplate redis;

	/**
	 * Return the connection factory of the store under test.
	 * @return the connection factory
	 */
	protected abstract RedisConnectionFactory connectionFactory();

	/**
	 * Return another connection factory to the same Redis, for the second store.
	 * @return the connection factory
	 */
	protected abstract RedisConnectionFactory secondConnectionFactory();

	@Override
	protected SessionRegistryStore createStore(MutableClock clock) {
		this.prefix = TestBackends.uniqueName("registry_it") + ":";
		this.redis = new StringRedisTemplate(connectionFactory());
		return new RedisSessionRegistryStore(connectionFactory(), this.prefix, clock);
	}

	@Override
	protected SessionRegistryStore createSecondStore(MutableClock clock) {
		return new RedisSessionRegistryStore(secondConnectionFactory(), this.prefix, clock);
	}

	@AfterEach
	void deleteTestKeys() {
		if (this.redis != null) {
			RedisTestSupport.deleteKeys(this.redis, this.prefix);
		}
	}

	/**
	 * Return the start of the keys of a user's data in the current test.
	 * @param principal the user's name
	 * @return the start of the keys
	 */
	protected final String userKeys(String principal) {
		return this.prefix + "{" + RedisSessionRegistryStore.tag(principal) + "}:";
	}

	private long timeToLiveMillis(String key) {
		Long millis = this.redis.getExpire(key, TimeUnit.MILLISECONDS);
		assertThat(millis).as("time to live of " + key).isNotNull();
		return millis;
	}

	@Test
	void everyKeyIsUnderThePrefixExpiresAndNamesNoUser() {
		String alice = user() + " {alice}: ✓";
		RegisteredSession session = session(alice, Duration.ofHours(1));
		this.store.register(session, SessionRegistryStore.ANY_VERSION, List.of());
		this.store.revoke(id(), START.plus(Duration.ofDays(1)));
		Set<String> keys = RedisTestSupport.keys(this.redis, this.prefix);
		String user = userKeys(alice);
		assertThat(keys).containsExactlyInAnyOrder(user + "version", user + "sessions", user + "expiry",
				user + "s:" + session.id(), this.prefix + "id:" + session.id(), this.prefix + "{expiring}",
				this.prefix + "{revocations}:at", this.prefix + "{revocations}:until");
		assertThat(keys).noneMatch((key) -> key.contains("alice"));
		long margin = RedisSessionRegistryStore.EXPIRY_MARGIN.toMillis();
		long hour = Duration.ofHours(1).toMillis();
		for (String key : keys) {
			if (key.contains("revocations")) {
				assertThat(timeToLiveMillis(key)).as(key)
					.isBetween(Duration.ofDays(1).toMillis(), Duration.ofDays(1).toMillis() + margin);
			}
			else {
				// the session's expiry plus the margin, less the time since START
				assertThat(timeToLiveMillis(key)).as(key).isBetween(hour, hour + margin);
			}
		}
	}

	@Test
	void aVersionNeverComesBackEvenAfterRedisForgotTheVersion() {
		String alice = user();
		this.store.register(session(alice, Duration.ofHours(1)), SessionRegistryStore.ANY_VERSION, List.of());
		long seen = this.store.find(alice, 10).version();
		this.store.removeAll(alice, null);
		// as Redis does once the version's time to live has run out
		assertThat(this.redis.delete(userKeys(alice) + "version")).isTrue();
		assertThat(this.store.find(alice, 10).version()).isZero();
		this.store.register(session(alice, Duration.ofHours(1)), 0, List.of());
		assertThat(this.store.find(alice, 10).version()).isGreaterThan(seen);
		assertThat(this.store.register(session(alice, Duration.ofHours(1)), seen, List.of())).isNull();
	}

	@Test
	void listsSessionsCreatedAtOneTimeByIdAscending() {
		String alice = user();
		String id = id();
		RegisteredSession c = session(alice, "c" + id);
		RegisteredSession a = session(alice, "a" + id);
		RegisteredSession b = session(alice, "b" + id);
		for (RegisteredSession session : List.of(c, a, b)) {
			this.store.register(session, SessionRegistryStore.ANY_VERSION, List.of());
		}
		assertThat(this.store.find(alice, 10).sessions()).containsExactly(a, b, c);
		assertThat(this.store.find(alice, 2).sessions()).containsExactly(a, b);
	}

	@Test
	void listingSkipsExpiredSessionsWithinTheLimit() {
		String alice = user();
		RegisteredSession old = new RegisteredSession(id(), alice, key(), START, START, START,
				START.plus(Duration.ofHours(1)), null, null);
		this.store.register(old, SessionRegistryStore.ANY_VERSION, List.of());
		for (int i = 1; i <= 5; i++) {
			Instant created = START.plusSeconds(i);
			this.store.register(
					new RegisteredSession(id(), alice, key(), created, created, created,
							START.plus(Duration.ofMinutes(1)), null, null),
					SessionRegistryStore.ANY_VERSION, List.of());
		}
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(this.store.find(alice, 1).sessions()).containsExactly(old);
	}

	@Test
	void removingExpiredSessionsDropsTheirKeysAndIds() {
		String alice = user();
		List<RegisteredSession> expiring = List.of(session(alice, Duration.ofMinutes(1)),
				session(alice, Duration.ofMinutes(1)), session(alice, Duration.ofMinutes(1)));
		for (RegisteredSession session : expiring) {
			this.store.register(session, SessionRegistryStore.ANY_VERSION, List.of());
		}
		RegisteredSession live = session(alice, Duration.ofHours(1));
		this.store.register(live, SessionRegistryStore.ANY_VERSION, List.of());
		assertThat(this.redis.opsForZSet().size(userKeys(alice) + "sessions")).isEqualTo(4);
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(drainExpired(this.store)).containsExactlyInAnyOrderElementsOf(expiring);
		assertThat(this.redis.opsForZSet().range(userKeys(alice) + "sessions", 0, -1)).containsExactly(live.id());
		assertThat(this.redis.opsForZSet().range(userKeys(alice) + "expiry", 0, -1)).containsExactly(live.id());
		assertThat(this.redis.opsForZSet().range(this.prefix + "{expiring}", 0, -1)).containsExactly(live.id());
		for (RegisteredSession session : expiring) {
			assertThat(this.redis.hasKey(userKeys(alice) + "s:" + session.id())).isFalse();
		}
	}

	@Test
	void aLookupLeftByARemovedSessionIsHarmless() {
		String alice = user();
		String bob = user();
		RegisteredSession ofAlice = session(alice, Duration.ofHours(1));
		this.store.register(ofAlice, SessionRegistryStore.ANY_VERSION, List.of());
		assertThat(this.store.remove(ofAlice.id())).isEqualTo(ofAlice);
		assertThat(this.redis.hasKey(this.prefix + "id:" + ofAlice.id())).isTrue();
		assertThat(this.store.findById(ofAlice.id())).isNull();
		assertThat(this.store.update(ofAlice.id(), key(), START, null)).isFalse();
		assertThat(this.store.remove(ofAlice.id())).isNull();
		long aliceVersion = this.store.find(alice, 10).version();
		RegisteredSession ofBob = new RegisteredSession(ofAlice.id(), bob, key(), START, START, START,
				START.plus(Duration.ofHours(1)), null, null);
		assertThat(this.store.register(ofBob, SessionRegistryStore.ANY_VERSION, List.of())).isEmpty();
		assertThat(this.store.findById(ofAlice.id())).isEqualTo(ofBob);
		assertThat(this.store.find(alice, 10).version()).isEqualTo(aliceVersion);
	}

	@Test
	void aRegistrationWithAStaleVersionLeavesTheIdWithItsUser() {
		String alice = user();
		String bob = user();
		RegisteredSession ofAlice = session(alice, Duration.ofHours(1));
		this.store.register(ofAlice, SessionRegistryStore.ANY_VERSION, List.of());
		long stale = this.store.find(bob, 10).version();
		this.store.register(session(bob, Duration.ofHours(1)), SessionRegistryStore.ANY_VERSION, List.of());
		RegisteredSession ofBob = new RegisteredSession(ofAlice.id(), bob, key(), START, START, START,
				START.plus(Duration.ofHours(1)), null, null);
		long aliceVersion = this.store.find(alice, 10).version();
		assertThat(this.store.register(ofBob, stale, List.of())).isNull();
		assertThat(this.store.findById(ofAlice.id())).isEqualTo(ofAlice);
		assertThat(this.store.find(alice, 10)).isEqualTo(new PrincipalSessions(aliceVersion, List.of(ofAlice)));
	}

	@Test
	void readsAndPurgesManyRevocations() {
		int many = 100_000;
		// revoked an hour before START, lapsing a minute after it
		long revokedAt = START.minus(Duration.ofHours(1)).toEpochMilli();
		long until = START.plus(Duration.ofMinutes(1)).toEpochMilli();
		this.redis.execute(RedisScript.of("""
				for i = 1, tonumber(ARGV[1]) do
				  redis.call('ZADD', KEYS[1], tonumber(ARGV[2]) + i, 'seeded-' .. i)
				  redis.call('ZADD', KEYS[2], ARGV[3], 'seeded-' .. i)
				end
				redis.call('PEXPIRE', KEYS[1], 3600000)
				redis.call('PEXPIRE', KEYS[2], 3600000)
				return 1
				""", Long.class), List.of(this.prefix + "{revocations}:at", this.prefix + "{revocations}:until"),
				Integer.toString(many), Long.toString(revokedAt), Long.toString(until));
		String first = id();
		String second = id();
		this.store.revoke(first, START.plus(Duration.ofDays(1)));
		this.store.revoke(second, START.plus(Duration.ofDays(1)));
		long started = System.nanoTime();
		List<Revocation> recent = this.store.revocations(START);
		long tookMillis = (System.nanoTime() - started) / 1_000_000;
		assertThat(recent).containsExactlyInAnyOrder(new Revocation(first, START.plus(Duration.ofDays(1))),
				new Revocation(second, START.plus(Duration.ofDays(1))));
		assertThat(tookMillis).as("reading the recent revocations among %d", many).isLessThan(1000);
		List<Revocation> all = this.store.revocations(Instant.EPOCH);
		assertThat(all).hasSize(many + 2)
			.contains(new Revocation("seeded-" + many, Instant.ofEpochMilli(until)),
					new Revocation(first, START.plus(Duration.ofDays(1))));
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(this.store.revocations(Instant.EPOCH)).hasSize(2);
		assertThat(this.store.purgeExpired()).isEqualTo(many);
		assertThat(this.redis.opsForZSet().size(this.prefix + "{revocations}:at")).isEqualTo(2);
		assertThat(this.redis.opsForZSet().size(this.prefix + "{revocations}:until")).isEqualTo(2);
		assertThat(this.store.purgeExpired()).isZero();
	}

	@Test
	void aRevocationIsKeptForItsLongestTime() {
		String id = id();
		this.store.revoke(id, START.plus(Duration.ofDays(2)));
		this.store.revoke(id, START.plus(Duration.ofDays(1)));
		assertThat(this.store.revocations(START)).containsExactly(new Revocation(id, START.plus(Duration.ofDays(2))));
	}

	private RegisteredSession session(String principal, String id) {
		return new RegisteredSession(id, principal, key(), START, START, START, START.plus(Duration.ofHours(1)), null,
				null);
	}

}
