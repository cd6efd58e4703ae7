package io.sessionengines.registry;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.sessionengines.engine.MutableClock;
import io.sessionengines.testsupport.StartingLine;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract of a {@link SessionRegistryStore}, which every store's tests extend. Each
 * test uses users and ids of its own, so that stores on a shared server need no cleaning.
 *
 * @author Session Engines contributors
 */
public abstract class AbstractSessionRegistryStoreTests {

	/**
	 * The time the tests start at; stores keep times to the millisecond.
	 */
	protected static final Instant START = Instant.now().truncatedTo(ChronoUnit.MILLIS);

	protected final MutableClock clock = new MutableClock(START);

	protected SessionRegistryStore store;

	private final ExecutorService executor = Executors.newFixedThreadPool(8);

	/**
	 * Create a store whose time is the given clock's.
	 * @param clock the clock
	 * @return the store
	 */
	protected abstract SessionRegistryStore createStore(MutableClock clock);

	/**
	 * Create another store on the same storage as {@link #createStore}, as a second
	 * instance of an application sees it, or {@code null} when the store lives in one
	 * process only.
	 * @param clock the clock
	 * @return the store, or {@code null}
	 */
	protected @Nullable SessionRegistryStore createSecondStore(MutableClock clock) {
		return null;
	}

	@BeforeEach
	void createStore() {
		this.store = createStore(this.clock);
	}

	@AfterEach
	void stopExecutor() {
		this.executor.shutdownNow();
	}

	@Test
	void findsWhatWasRegistered() {
		String alice = user();
		RegisteredSession session = session(alice, Duration.ofHours(1));
		assertThat(this.store.register(session, SessionRegistryStore.ANY_VERSION, List.of())).isEmpty();
		assertThat(this.store.find(alice, 10).sessions()).containsExactly(session);
		assertThat(this.store.findById(session.id())).isEqualTo(session);
		assertThat(this.store.findById(session.id()).key()).isEqualTo(session.key());
	}

	@Test
	void keepsEveryField() {
		String alice = user();
		RegisteredSession session = new RegisteredSession(id(), alice, null, START.minusSeconds(30), START,
				START.plusMillis(7), START.plus(Duration.ofDays(3)), null, null);
		this.store.register(session, SessionRegistryStore.ANY_VERSION, List.of());
		assertThat(this.store.findById(session.id())).isEqualTo(session);
	}

	@Test
	void unknownUserHasNoSessions() {
		PrincipalSessions none = this.store.find(user(), 10);
		assertThat(none.sessions()).isEmpty();
		assertThat(this.store.findById(id())).isNull();
		assertThat(this.store.remove(id())).isNull();
		assertThat(this.store.removeAll(user(), null)).isEmpty();
		assertThat(this.store.update(id(), "k", START, START.plusSeconds(60))).isFalse();
	}

	@Test
	void listsNewestFirstWithinTheLimit() {
		String alice = user();
		List<RegisteredSession> sessions = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			RegisteredSession session = new RegisteredSession(id(), alice, key(), START.plusSeconds(i),
					START.plusSeconds(i), START.plusSeconds(i), START.plus(Duration.ofHours(1)), "agent " + i,
					"10.0.0." + i);
			sessions.add(session);
			this.store.register(session, SessionRegistryStore.ANY_VERSION, List.of());
		}
		Collections.reverse(sessions);
		assertThat(this.store.find(alice, 10).sessions()).containsExactlyElementsOf(sessions);
		assertThat(this.store.find(alice, 2).sessions()).containsExactlyElementsOf(sessions.subList(0, 2));
	}

	@Test
	void usersDoNotSeeEachOthersSessions() {
		String alice = user();
		String bob = user();
		RegisteredSession ofAlice = session(alice, Duration.ofHours(1));
		RegisteredSession ofBob = session(bob, Duration.ofHours(1));
		this.store.register(ofAlice, SessionRegistryStore.ANY_VERSION, List.of());
		this.store.register(ofBob, SessionRegistryStore.ANY_VERSION, List.of(ofAlice.id()));
		assertThat(this.store.find(alice, 10).sessions()).containsExactly(ofAlice);
		assertThat(this.store.find(bob, 10).sessions()).containsExactly(ofBob);
		assertThat(this.store.removeAll(bob, null)).containsExactly(ofBob);
		assertThat(this.store.find(alice, 10).sessions()).containsExactly(ofAlice);
	}

	@Test
	void registeringWithAStaleVersionChangesNothing() {
		String alice = user();
		RegisteredSession first = session(alice, Duration.ofHours(1));
		long before = this.store.find(alice, 10).version();
		this.store.register(first, before, List.of());
		long after = this.store.find(alice, 10).version();
		assertThat(after).isNotEqualTo(before);
		RegisteredSession second = session(alice, Duration.ofHours(1));
		assertThat(this.store.register(second, before, List.of(first.id()))).isNull();
		assertThat(this.store.find(alice, 10).sessions()).containsExactly(first);
		assertThat(this.store.find(alice, 10).version()).isEqualTo(after);
		assertThat(this.store.register(second, after, List.of(first.id()))).containsExactly(first);
		assertThat(this.store.find(alice, 10).sessions()).containsExactly(second);
	}

	@Test
	void everyRemovalChangesTheVersionButAnUpdateDoesNot() {
		String alice = user();
		RegisteredSession first = session(alice, Duration.ofHours(1));
		RegisteredSession second = session(alice, Duration.ofHours(1));
		this.store.register(first, SessionRegistryStore.ANY_VERSION, List.of());
		this.store.register(second, SessionRegistryStore.ANY_VERSION, List.of());
		long registered = this.store.find(alice, 10).version();
		assertThat(this.store.update(first.id(), key(), START.plusSeconds(5), START.plus(Duration.ofHours(2))))
			.isTrue();
		assertThat(this.store.find(alice, 10).version()).isEqualTo(registered);
		this.store.remove(first.id());
		long removed = this.store.find(alice, 10).version();
		assertThat(removed).isNotEqualTo(registered);
		this.store.removeAll(alice, null);
		assertThat(this.store.find(alice, 10).version()).isNotIn(registered, removed);
	}

	@Test
	void aVersionSeenBeforeAllSessionsWereRemovedNeverComesBack() {
		String alice = user();
		long empty = this.store.find(alice, 10).version();
		RegisteredSession first = session(alice, Duration.ofHours(1));
		this.store.register(first, empty, List.of());
		long withOne = this.store.find(alice, 10).version();
		this.store.remove(first.id());
		RegisteredSession second = session(alice, Duration.ofHours(1));
		assertThat(this.store.register(second, withOne, List.of())).isNull();
	}

	@Test
	void registeringAgainUnderTheSameIdReplaces() {
		String alice = user();
		RegisteredSession session = session(alice, Duration.ofHours(1));
		this.store.register(session, SessionRegistryStore.ANY_VERSION, List.of());
		RegisteredSession again = session.withKey(key());
		this.store.register(again, SessionRegistryStore.ANY_VERSION, List.of(session.id()));
		assertThat(this.store.find(alice, 10).sessions()).containsExactly(again);
	}

	@Test
	void registeringUnderAnIdOfAnotherUserMovesIt() {
		String alice = user();
		String bob = user();
		RegisteredSession ofAlice = session(alice, Duration.ofHours(1));
		this.store.register(ofAlice, SessionRegistryStore.ANY_VERSION, List.of());
		RegisteredSession ofBob = new RegisteredSession(ofAlice.id(), bob, key(), START, START, START,
				START.plus(Duration.ofHours(1)), null, null);
		this.store.register(ofBob, SessionRegistryStore.ANY_VERSION, List.of());
		assertThat(this.store.find(alice, 10).sessions()).isEmpty();
		assertThat(this.store.find(bob, 10).sessions()).containsExactly(ofBob);
		assertThat(this.store.findById(ofAlice.id())).isEqualTo(ofBob);
	}

	@Test
	void removesOnce() {
		RegisteredSession session = session(user(), Duration.ofHours(1));
		this.store.register(session, SessionRegistryStore.ANY_VERSION, List.of());
		assertThat(this.store.remove(session.id())).isEqualTo(session);
		assertThat(this.store.remove(session.id())).isNull();
		assertThat(this.store.findById(session.id())).isNull();
		assertThat(this.store.update(session.id(), key(), START, START.plusSeconds(60))).isFalse();
	}

	@Test
	void concurrentRemovalsRemoveOnce() throws Exception {
		RegisteredSession session = session(user(), Duration.ofHours(1));
		this.store.register(session, SessionRegistryStore.ANY_VERSION, List.of());
		List<SessionRegistryStore> stores = stores();
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<@Nullable RegisteredSession>> removals = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			SessionRegistryStore store = stores.get(i % stores.size());
			removals.add(CompletableFuture.supplyAsync(() -> {
				StartingLine.await(start);
				return store.remove(session.id());
			}, this.executor));
		}
		start.countDown();
		List<RegisteredSession> removed = new ArrayList<>();
		for (CompletableFuture<@Nullable RegisteredSession> removal : removals) {
			RegisteredSession result = removal.get(30, TimeUnit.SECONDS);
			if (result != null) {
				removed.add(result);
			}
		}
		assertThat(removed).containsExactly(session);
	}

	@Test
	void removesAllButOne() {
		String alice = user();
		RegisteredSession keep = session(alice, Duration.ofHours(1));
		RegisteredSession first = session(alice, Duration.ofHours(1));
		RegisteredSession second = session(alice, Duration.ofHours(1));
		for (RegisteredSession session : List.of(keep, first, second)) {
			this.store.register(session, SessionRegistryStore.ANY_VERSION, List.of());
		}
		assertThat(this.store.removeAll(alice, keep.id())).containsExactlyInAnyOrder(first, second);
		assertThat(this.store.find(alice, 10).sessions()).containsExactly(keep);
		assertThat(this.store.removeAll(alice, keep.id())).isEmpty();
		assertThat(this.store.removeAll(alice, null)).containsExactly(keep);
		assertThat(this.store.find(alice, 10).sessions()).isEmpty();
	}

	@Test
	void updatesKeyActivityAndExpiry() {
		String alice = user();
		RegisteredSession session = new RegisteredSession(id(), alice, null, START, START, START,
				START.plus(Duration.ofHours(1)), "agent", "10.1.2.3");
		this.store.register(session, SessionRegistryStore.ANY_VERSION, List.of());
		String key = key();
		Instant seen = START.plusSeconds(90);
		Instant expires = START.plus(Duration.ofHours(3));
		assertThat(this.store.update(session.id(), key, seen, expires)).isTrue();
		RegisteredSession updated = this.store.findById(session.id());
		assertThat(updated).isEqualTo(
				new RegisteredSession(session.id(), alice, key, START, START, seen, expires, "agent", "10.1.2.3"));
		Instant later = START.plusSeconds(200);
		assertThat(this.store.update(session.id(), null, later, null)).isTrue();
		assertThat(this.store.findById(session.id())).isEqualTo(
				new RegisteredSession(session.id(), alice, key, START, START, later, expires, "agent", "10.1.2.3"));
		assertThat(this.store.find(alice, 10).sessions()).extracting(RegisteredSession::lastSeenAt)
			.containsExactly(later);
	}

	@Test
	void expiredSessionsAreGone() {
		String alice = user();
		RegisteredSession shortLived = session(alice, Duration.ofMinutes(1));
		RegisteredSession longLived = session(alice, Duration.ofHours(1));
		this.store.register(shortLived, SessionRegistryStore.ANY_VERSION, List.of());
		this.store.register(longLived, SessionRegistryStore.ANY_VERSION, List.of());
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(this.store.find(alice, 10).sessions()).containsExactly(longLived);
		assertThat(this.store.findById(shortLived.id())).isNull();
		assertThat(this.store.update(shortLived.id(), key(), this.clock.instant(), START.plus(Duration.ofHours(1))))
			.isFalse();
		assertThat(this.store.remove(shortLived.id())).isNull();
		assertThat(this.store.removeAll(alice, null)).containsExactly(longLived);
	}

	@Test
	void anExtendedExpiryKeepsASession() {
		String alice = user();
		RegisteredSession session = session(alice, Duration.ofMinutes(1));
		this.store.register(session, SessionRegistryStore.ANY_VERSION, List.of());
		this.store.update(session.id(), null, START.plusSeconds(30), START.plus(Duration.ofMinutes(10)));
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(this.store.findById(session.id())).isNotNull();
		assertThat(this.store.find(alice, 10).sessions()).hasSize(1);
	}

	@Test
	void expiredSessionsAreRemovedAndReturnedOnce() {
		String alice = user();
		RegisteredSession expiring = session(alice, Duration.ofMinutes(1));
		RegisteredSession lasting = session(alice, Duration.ofHours(1));
		this.store.register(expiring, SessionRegistryStore.ANY_VERSION, List.of());
		this.store.register(lasting, SessionRegistryStore.ANY_VERSION, List.of());
		assertThat(drainExpired(this.store)).doesNotContain(expiring, lasting);
		long before = this.store.find(alice, 10).version();
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(drainExpired(this.store)).contains(expiring).doesNotContain(lasting);
		assertThat(drainExpired(this.store)).doesNotContain(expiring);
		assertThat(this.store.find(alice, 10).version()).isNotEqualTo(before);
		this.clock.setInstant(START);
		// removed: turning the clock back does not bring it back
		assertThat(this.store.findById(expiring.id())).isNull();
		assertThat(this.store.find(alice, 10).sessions()).containsExactly(lasting);
	}

	@Test
	void aSessionWhoseExpiryWasExtendedIsNotRemoved() {
		String alice = user();
		RegisteredSession session = session(alice, Duration.ofMinutes(1));
		this.store.register(session, SessionRegistryStore.ANY_VERSION, List.of());
		this.store.update(session.id(), null, START.plusSeconds(30), START.plus(Duration.ofMinutes(10)));
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(drainExpired(this.store)).extracting(RegisteredSession::id).doesNotContain(session.id());
		assertThat(this.store.findById(session.id())).isNotNull();
		this.clock.advance(Duration.ofMinutes(10));
		assertThat(drainExpired(this.store)).extracting(RegisteredSession::id).contains(session.id());
	}

	@RepeatedTest(5)
	void instancesRacingToRemoveExpiredSessionsRemoveEachOnce() throws Exception {
		List<RegisteredSession> expiring = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			RegisteredSession session = session((i % 3 == 0) ? user() : "racing-" + (i % 3), Duration.ofMinutes(1));
			expiring.add(session);
			this.store.register(session, SessionRegistryStore.ANY_VERSION, List.of());
		}
		this.clock.advance(Duration.ofMinutes(2));
		List<SessionRegistryStore> stores = stores();
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<List<RegisteredSession>>> purges = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			SessionRegistryStore store = stores.get(i % stores.size());
			purges.add(CompletableFuture.supplyAsync(() -> {
				StartingLine.await(start);
				List<RegisteredSession> removed = new ArrayList<>();
				List<RegisteredSession> batch;
				do {
					batch = store.removeExpired(7);
					removed.addAll(batch);
				}
				while (batch.size() == 7);
				return removed;
			}, this.executor));
		}
		start.countDown();
		List<String> removed = new ArrayList<>();
		for (CompletableFuture<List<RegisteredSession>> purge : purges) {
			purge.get(60, TimeUnit.SECONDS).forEach((session) -> removed.add(session.id()));
		}
		assertThat(removed).doesNotHaveDuplicates().containsAll(expiring.stream().map(RegisteredSession::id).toList());
	}

	/**
	 * Remove every expired session, as the registry's upkeep does.
	 * @param store the store
	 * @return the sessions removed
	 */
	protected static List<RegisteredSession> drainExpired(SessionRegistryStore store) {
		List<RegisteredSession> removed = new ArrayList<>();
		List<RegisteredSession> batch;
		do {
			batch = store.removeExpired(100);
			removed.addAll(batch);
		}
		while (batch.size() == 100);
		return removed;
	}

	@Test
	void keepsRevocationsUntilTheyLapse() {
		String lasting = id();
		String lapsing = id();
		Instant before = this.clock.instant();
		this.store.revoke(lasting, START.plus(Duration.ofDays(14)));
		this.store.revoke(lapsing, START.plus(Duration.ofMinutes(1)));
		assertThat(ids(this.store.revocations(before))).contains(lasting, lapsing);
		assertThat(this.store.revocations(before)).contains(new Revocation(lasting, START.plus(Duration.ofDays(14))));
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(ids(this.store.revocations(before))).contains(lasting).doesNotContain(lapsing);
		this.store.purgeExpired();
		assertThat(ids(this.store.revocations(before))).contains(lasting).doesNotContain(lapsing);
	}

	@Test
	void returnsRevocationsMadeSinceATime() {
		String earlier = id();
		this.store.revoke(earlier, START.plus(Duration.ofDays(1)));
		this.clock.advance(Duration.ofMinutes(10));
		Instant since = this.clock.instant();
		String later = id();
		this.store.revoke(later, START.plus(Duration.ofDays(1)));
		assertThat(ids(this.store.revocations(since))).contains(later).doesNotContain(earlier);
		assertThat(ids(this.store.revocations(START))).contains(earlier, later);
	}

	@Test
	void keepsHostileNamesAndValuesApart() {
		List<String> names = List.of("alice", "alice ", "ALICE", "al'ice\"; DROP TABLE x; --", "{alice}", "}{", "a:b",
				"a*", "a\\", "ä ß 中 😀", "x".repeat(255));
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		List<RegisteredSession> sessions = new ArrayList<>();
		for (String name : names) {
			String principal = (name.length() >= 255) ? name.substring(0, 247) + suffix : name + suffix;
			RegisteredSession session = new RegisteredSession(id(), principal, key(), START, START, START,
					START.plus(Duration.ofHours(1)), "Mozilla/5.0 ('\"%_*?[]{}) ✓", "2001:db8::1");
			sessions.add(session);
			this.store.register(session, SessionRegistryStore.ANY_VERSION, List.of());
		}
		for (RegisteredSession session : sessions) {
			assertThat(this.store.find(session.principal(), 10).sessions()).containsExactly(session);
			assertThat(this.store.findById(session.id())).isEqualTo(session);
		}
	}

	@RepeatedTest(20)
	void racingLoginsKeepTheLimit() throws Exception {
		String alice = user();
		int limit = 1;
		List<SessionRegistryStore> stores = stores();
		int logins = 6;
		CountDownLatch start = new CountDownLatch(1);
		AtomicInteger retries = new AtomicInteger();
		List<CompletableFuture<LoginOutcome>> outcomes = new ArrayList<>();
		for (int i = 0; i < logins; i++) {
			SessionRegistryStore store = stores.get(i % stores.size());
			outcomes.add(CompletableFuture.supplyAsync(() -> {
				StartingLine.await(start);
				RegisteredSession session = session(alice, Duration.ofHours(1));
				while (true) {
					PrincipalSessions current = store.find(alice, 100);
					List<RegisteredSession> newestFirst = current.sessions();
					int excess = Math.max(0, newestFirst.size() - limit + 1);
					List<String> oldest = newestFirst.subList(newestFirst.size() - excess, newestFirst.size())
						.stream()
						.map(RegisteredSession::id)
						.toList();
					List<RegisteredSession> removed = store.register(session, current.version(), oldest);
					if (removed != null) {
						return new LoginOutcome(session, removed);
					}
					retries.incrementAndGet();
				}
			}, this.executor));
		}
		start.countDown();
		Set<String> registered = new HashSet<>();
		List<String> removed = new ArrayList<>();
		for (CompletableFuture<LoginOutcome> outcome : outcomes) {
			LoginOutcome login = outcome.get(60, TimeUnit.SECONDS);
			registered.add(login.session().id());
			login.removed().forEach((session) -> removed.add(session.id()));
		}
		List<RegisteredSession> live = this.store.find(alice, 100).sessions();
		assertThat(live).hasSize(limit);
		// every session but the live one was removed, each by exactly one login
		assertThat(removed).doesNotHaveDuplicates();
		Set<String> accounted = new HashSet<>(removed);
		accounted.add(live.get(0).id());
		assertThat(accounted).isEqualTo(registered);
	}

	@Test
	void aSecondInstanceSeesTheSameSessions() {
		SessionRegistryStore second = createSecondStore(this.clock);
		assumeTrue(second != null, "The store lives in one process");
		String alice = user();
		RegisteredSession session = session(alice, Duration.ofHours(1));
		this.store.register(session, SessionRegistryStore.ANY_VERSION, List.of());
		assertThat(second.find(alice, 10).sessions()).containsExactly(session);
		Instant before = this.clock.instant();
		second.revoke(session.id(), START.plus(Duration.ofDays(1)));
		assertThat(second.remove(session.id())).isEqualTo(session);
		assertThat(this.store.findById(session.id())).isNull();
		assertThat(ids(this.store.revocations(before))).contains(session.id());
	}

	private List<SessionRegistryStore> stores() {
		SessionRegistryStore second = createSecondStore(this.clock);
		return (second != null) ? List.of(this.store, second) : List.of(this.store);
	}

	protected RegisteredSession session(String principal, Duration lifetime) {
		return new RegisteredSession(id(), principal, key(), START, START, START, START.plus(lifetime), "Mozilla/5.0",
				"192.0.2.1");
	}

	protected static String user() {
		return "user-" + UUID.randomUUID();
	}

	protected static String id() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 22);
	}

	protected static String key() {
		return UUID.randomUUID().toString().replace("-", "");
	}

	private static List<String> ids(List<Revocation> revocations) {
		return revocations.stream().map(Revocation::id).toList();
	}

	private record LoginOutcome(RegisteredSession session, List<RegisteredSession> removed) {

	}

}
