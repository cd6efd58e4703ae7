package io.sessionengines.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.sessionengines.engine.SessionStoreUnavailableException;
import io.sessionengines.registry.RegistryFixture.Instance;
import io.sessionengines.session.Session;
import io.sessionengines.session.SessionFactory;
import io.sessionengines.session.SessionListener;
import io.sessionengines.testsupport.StartingLine;
import io.sessionengines.testsupport.TypedTestValues;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The registry of each user's sessions on an engine: the contract every engine and
 * registry store meets together, mixed into the engine contract so that it runs on every
 * engine and backend. Each test uses users of its own.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public interface SessionRegistryContract {

	/**
	 * Return the engine and registry store under test.
	 * @return the fixture
	 */
	RegistryFixture registryFixture();

	@Test
	default void aLoggedInSessionIsListedWithoutItsKey() {
		RegistryFixture fixture = registryFixture();
		Instance app = fixture.first();
		String alice = user();
		Session session = app.sessions.open(null);
		session.set("cart", "3 books");
		RegisteredSession registered = app.userSessions.register(session, alice, "Mozilla/5.0 (X11)", "192.0.2.7");
		session.save();
		List<RegisteredSession> listed = app.userSessions.list(alice);
		assertThat(listed).hasSize(1);
		RegisteredSession found = listed.get(0);
		assertThat(found.id()).isEqualTo(registered.id()).isEqualTo(UserSessions.idOf(session));
		assertThat(found.id()).doesNotContain(session.getSessionKey());
		assertThat(found.toString()).doesNotContain(session.getSessionKey());
		assertThat(found.principal()).isEqualTo(alice);
		assertThat(found.userAgent()).isEqualTo("Mozilla/5.0 (X11)");
		assertThat(found.ip()).isEqualTo("192.0.2.7");
		assertThat(found.authenticatedAt()).isEqualTo(fixture.clock().instant());
		assertThat(found.expiresAt()).isAfterOrEqualTo(session.getExpiryDate());
		if (fixture.engine().isKeyPayload()) {
			assertThat(found.key()).isNull();
		}
		else {
			assertThat(found.key()).isEqualTo(session.getSessionKey());
		}
	}

	@Test
	default void anEndedSessionIsDeadOnEveryInstance() {
		RegistryFixture fixture = registryFixture();
		Instance first = fixture.first();
		Instance second = fixture.second();
		String alice = user();
		String cookie = login(first, alice, null);
		assertThat(isLive(second, cookie)).isTrue();
		String id = second.userSessions.list(alice).get(0).id();
		assertThat(second.userSessions.end(alice, id)).isTrue();
		assertThat(second.userSessions.end(alice, id)).as("ended twice").isFalse();
		assertThat(isLive(second, cookie)).isFalse();
		// a signed cookie's revocation reaches other instances when they refresh
		first.revocations.refresh();
		assertThat(isLive(first, cookie)).isFalse();
		assertThat(first.userSessions.list(alice)).isEmpty();
	}

	@Test
	default void aLogoutEndsTheSessionAndEveryCopyOfItsCookie() {
		Instance app = registryFixture().first();
		String alice = user();
		String cookie = login(app, alice, null);
		String copy = cookie;
		Session session = app.sessions.open(cookie);
		session.flush();
		assertThat(isLive(app, copy)).isFalse();
		assertThat(app.userSessions.list(alice)).isEmpty();
	}

	@Test
	default void aLogoutThatKeepsTheSessionUnregistersIt() {
		Instance app = registryFixture().first();
		String alice = user();
		String cookie = login(app, alice, null);
		Session session = app.sessions.open(cookie);
		app.userSessions.unregister(session);
		session.save();
		assertThat(app.userSessions.list(alice)).isEmpty();
		assertThat(UserSessions.idOf(session)).isNull();
		assertThat(session.get("cart")).isEqualTo("3 books");
		if (registryFixture().engine().isKeyPayload()) {
			// the logged-in copy of the cookie is revoked; the anonymous one lives on
			assertThat(isLive(app, cookie)).isFalse();
			assertThat(isLive(app, session.getSessionKey())).isTrue();
		}
	}

	@Test
	default void endingTheOtherSessionsKeepsTheCurrentOne() {
		Instance app = registryFixture().first();
		String alice = user();
		String phone = login(app, alice, null);
		String laptop = login(app, alice, null);
		String current = login(app, alice, null);
		String bobs = login(app, user(), null);
		Session session = app.sessions.open(current);
		assertThat(app.userSessions.endOthers(alice, session)).isEqualTo(2);
		assertThat(isLive(app, current)).isTrue();
		assertThat(isLive(app, phone)).isFalse();
		assertThat(isLive(app, laptop)).isFalse();
		assertThat(isLive(app, bobs)).isTrue();
		assertThat(app.userSessions.list(alice)).extracting(RegisteredSession::id)
			.containsExactly(UserSessions.idOf(app.sessions.open(current)));
	}

	@Test
	default void endingAllSessionsEndsEveryOne() {
		Instance app = registryFixture().first();
		String alice = user();
		List<String> cookies = List.of(login(app, alice, null), login(app, alice, null), login(app, alice, null));
		assertThat(app.userSessions.endAll(alice)).isEqualTo(3);
		assertThat(cookies).noneMatch((cookie) -> isLive(app, cookie));
		assertThat(app.userSessions.list(alice)).isEmpty();
		assertThat(app.userSessions.endAll(alice)).isZero();
	}

	@Test
	default void anotherUsersSessionOrAMalformedIdIsNotFound() {
		Instance app = registryFixture().first();
		String alice = user();
		String bob = user();
		String alicesCookie = login(app, alice, null);
		String alicesId = app.userSessions.list(alice).get(0).id();
		assertThat(app.userSessions.find(bob, alicesId)).isNull();
		assertThat(app.userSessions.end(bob, alicesId)).isFalse();
		for (String malformed : List.of("", "x", "../../etc/passwd", "' OR '1'='1", "{" + alicesId + "}",
				alicesId + " ", alicesId.toUpperCase() + "!", "x".repeat(10_000), alicesCookie)) {
			assertThat(app.userSessions.find(malformed)).isNull();
			assertThat(app.userSessions.end(alice, malformed)).isFalse();
			assertThat(app.userSessions.end(malformed)).isNull();
		}
		assertThat(isLive(app, alicesCookie)).isTrue();
		assertThat(app.userSessions.list(alice)).hasSize(1);
	}

	@Test
	default void aKeyCycleKeepsTheRegistration() {
		Instance app = registryFixture().first();
		String alice = user();
		String before = login(app, alice, null);
		Session session = app.sessions.open(before);
		session.cycleKey();
		session.save();
		String after = session.getSessionKey();
		assertThat(app.userSessions.list(alice)).hasSize(1);
		if (!registryFixture().engine().isKeyPayload()) {
			assertThat(app.userSessions.list(alice).get(0).key()).isEqualTo(after);
			assertThat(isLive(app, before)).isFalse();
		}
		assertThat(app.userSessions.endAll(alice)).isEqualTo(1);
		assertThat(isLive(app, after)).isFalse();
	}

	@Test
	default void aSessionEndedWhileItLogsInIsDeletedWhenItIsSaved() {
		RegistryFixture fixture = registryFixture();
		Instance first = fixture.first();
		Instance second = fixture.second();
		String alice = user();
		Session session = first.sessions.open(null);
		session.set("cart", "1 book");
		RegisteredSession registered = first.userSessions.register(session, alice, null, null);
		assertThat(second.userSessions.end(alice, registered.id())).isTrue();
		session.save();
		first.revocations.refresh();
		assertThat(isLive(first, session.getSessionKey())).isFalse();
	}

	@RepeatedTest(20)
	default void racingLoginsKeepTheLimit() throws Exception {
		RegistryFixture fixture = registryFixture();
		List<Instance> instances = List.of(fixture.first(), fixture.second());
		String alice = user();
		int limit = 1;
		int logins = 6;
		ExecutorService executor = Executors.newFixedThreadPool(logins);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<CompletableFuture<String>> cookies = new ArrayList<>();
			for (int i = 0; i < logins; i++) {
				Instance app = instances.get(i % instances.size());
				cookies.add(CompletableFuture.supplyAsync(() -> {
					StartingLine.await(start);
					Session session = app.sessions.open(null);
					session.set("device", UUID.randomUUID().toString());
					while (true) {
						PrincipalSessions current = app.userSessions.sessionsOf(alice);
						List<RegisteredSession> newestFirst = current.sessions();
						int excess = Math.max(0, newestFirst.size() - limit + 1);
						List<String> oldest = newestFirst.subList(newestFirst.size() - excess, newestFirst.size())
							.stream()
							.map(RegisteredSession::id)
							.toList();
						if (app.userSessions.register(session, alice, null, null, current.version(), oldest) != null) {
							break;
						}
					}
					session.save();
					return session.getSessionKey();
				}, executor));
			}
			start.countDown();
			List<String> saved = new ArrayList<>();
			for (CompletableFuture<String> cookie : cookies) {
				saved.add(cookie.get(60, TimeUnit.SECONDS));
			}
			instances.forEach((app) -> app.revocations.refresh());
			assertThat(instances.get(0).userSessions.list(alice)).hasSize(limit);
			for (Instance app : instances) {
				assertThat(saved.stream().filter((cookie) -> isLive(app, cookie))).hasSize(limit);
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	default void ordinaryRequestsCostTheRegistryNothingButARefreshAMinute() {
		RegistryFixture fixture = registryFixture();
		CountingSessionRegistryStore counting = new CountingSessionRegistryStore(fixture.store());
		CountingSessionEngine engine = new CountingSessionEngine(fixture.engine());
		Instance app = new RegistryFixture(engine, fixture.expiry(), fixture.clock(), counting, counting,
				fixture.advance())
			.first();
		SessionFactory plain = new SessionFactory(engine, fixture.expiry(), TypedTestValues.serializer());
		String alice = user();
		String cookie = login(app, alice, null);
		int afterLogin = counting.calls();
		for (int i = 0; i < 20; i++) {
			int before = engine.calls();
			Session read = app.sessions.open(cookie);
			assertThat(read.get("cart")).isEqualTo("3 books");
			Session write = app.sessions.open(cookie);
			write.set("visits", i);
			write.save();
			int withRegistry = engine.calls() - before;
			Session plainRead = plain.open(cookie);
			plainRead.get("cart");
			Session plainWrite = plain.open(cookie);
			plainWrite.set("visits", i);
			plainWrite.save();
			// the same engine round trips as without the registry
			assertThat(withRegistry).isEqualTo(engine.calls() - before - withRegistry);
			cookie = plainWrite.getSessionKey();
			fixture.advance().accept(Duration.ofSeconds(2));
		}
		assertThat(counting.calls()).isEqualTo(afterLogin);
		fixture.advance().accept(Duration.ofSeconds(30));
		Session read = app.sessions.open(cookie);
		read.get("cart");
		assertThat(counting.calls()).isEqualTo(afterLogin + 1);
		assertThat(app.userSessions.list(alice).get(0).lastSeenAt()).isEqualTo(fixture.clock().instant());
	}

	@Test
	default void aRegistryThatStopsAnsweringFailsLoginsButNotOrdinaryRequests() {
		RegistryFixture fixture = registryFixture();
		CountingSessionRegistryStore failing = new CountingSessionRegistryStore(fixture.store());
		Instance app = new RegistryFixture(fixture.engine(), fixture.expiry(), fixture.clock(), failing, failing,
				fixture.advance())
			.first();
		String alice = user();
		String cookie = login(app, alice, null);
		failing.fail(true);
		fixture.advance().accept(Duration.ofMinutes(2));
		Session read = app.sessions.open(cookie);
		assertThat(read.get("cart")).isEqualTo("3 books");
		Session login = app.sessions.open(null);
		login.set("cart", "2 books");
		assertThatExceptionOfType(SessionStoreUnavailableException.class)
			.isThrownBy(() -> app.userSessions.register(login, alice, null, null));
	}

	@Test
	default void expiredSessionsAreNotListed() {
		RegistryFixture fixture = registryFixture();
		Instance app = fixture.first();
		String alice = user();
		Session session = app.sessions.open(null);
		session.setExpiry(600);
		app.userSessions.register(session, alice, null, null);
		session.save();
		assertThat(app.userSessions.list(alice)).hasSize(1);
		fixture.advance().accept(Duration.ofMinutes(12));
		assertThat(app.userSessions.list(alice)).isEmpty();
		assertThat(isLive(app, session.getSessionKey())).isFalse();
	}

	@Test
	default void aSessionsLongerExpiryKeepsItListed() {
		RegistryFixture fixture = registryFixture();
		Instance app = fixture.first();
		String alice = user();
		Session session = app.sessions.open(null);
		session.setExpiry(600);
		app.userSessions.register(session, alice, null, null);
		session.save();
		Session longer = app.sessions.open(session.getSessionKey());
		longer.setExpiry(3600);
		longer.save();
		fixture.advance().accept(Duration.ofMinutes(30));
		assertThat(isLive(app, longer.getSessionKey())).isTrue();
		assertThat(app.userSessions.list(alice)).hasSize(1);
	}

	@Test
	default void aRegistryThatLostItsEntriesRegistersLiveSessionsAgain() {
		RegistryFixture fixture = registryFixture();
		String alice = user();
		String cookie = login(fixture.first(), alice, null);
		RegistryFixture restarted = new RegistryFixture(fixture.engine(), fixture.expiry(), fixture.clock(),
				new InMemorySessionRegistryStore(fixture.clock()), fixture.secondStore(), fixture.advance());
		Instance app = restarted.first();
		assertThat(app.userSessions.list(alice)).isEmpty();
		fixture.advance().accept(Duration.ofMinutes(2));
		assertThat(isLive(app, cookie)).isTrue();
		assertThat(app.userSessions.list(alice)).hasSize(1);
	}

	@Test
	default void whatAClientSentIsKeptWithinBounds() {
		Instance app = registryFixture().first();
		String alice = user();
		Session session = app.sessions.open(null);
		session.set("cart", "0 books");
		app.userSessions.register(session, alice, "Mozilla\r\nSet-Cookie: x=1\u0000" + "A".repeat(10_000), "  \t ");
		session.save();
		RegisteredSession registered = app.userSessions.list(alice).get(0);
		assertThat(registered.userAgent()).hasSizeLessThanOrEqualTo(256)
			.startsWith("MozillaSet-Cookie: x=1A")
			.doesNotContain("\r", "\n", "\u0000");
		assertThat(registered.ip()).isNull();
	}

	@Test
	default void aUserWithAVeryLongNameIsHeldUnderItsDigest() {
		Instance app = registryFixture().first();
		// an X.509 distinguished name can be longer than any store's column
		String longName = "CN=" + "😀 very long name ".repeat(40) + user();
		String cookie = login(app, longName, null);
		String other = login(app, longName, null);
		List<RegisteredSession> listed = app.userSessions.list(longName);
		assertThat(listed).hasSize(2)
			.allSatisfy((session) -> assertThat(session.principal()).startsWith("sha256:").hasSize(71));
		assertThat(app.userSessions.list(longName + "x")).isEmpty();
		String otherId = UserSessions.idOf(app.sessions.open(other));
		assertThat(otherId).isNotNull();
		assertThat(app.userSessions.end(longName, otherId)).isTrue();
		assertThat(isLive(app, other)).isFalse();
		assertThat(app.userSessions.endAll(longName)).isOne();
		assertThat(isLive(app, cookie)).isFalse();
	}

	@Test
	default void loggingInAgainAsTheSameUserKeepsOneRegistration() {
		Instance app = registryFixture().first();
		String alice = user();
		String cookie = login(app, alice, null);
		String again = login(app, alice, cookie);
		assertThat(app.userSessions.list(alice)).hasSize(1);
		assertThat(isLive(app, again)).isTrue();
	}

	@Test
	default void loggingInAsAnotherUserMovesTheRegistration() {
		Instance app = registryFixture().first();
		String alice = user();
		String bob = user();
		String cookie = login(app, alice, null);
		String bobs = login(app, bob, cookie);
		assertThat(app.userSessions.list(alice)).isEmpty();
		assertThat(app.userSessions.list(bob)).hasSize(1);
		assertThat(isLive(app, bobs)).isTrue();
		assertThat(isLive(app, cookie)).isFalse();
	}

	@Test
	default void aLimitedLoginSeesTheUsersSessionsChangeAndLooksAgain() {
		Instance app = registryFixture().first();
		String alice = user();
		PrincipalSessions before = app.userSessions.sessionsOf(alice);
		login(app, alice, null);
		Session racing = app.sessions.open(null);
		racing.set("cart", "2 books");
		assertThat(app.userSessions.register(racing, alice, null, null, before.version(), List.of())).isNull();
		assertThat(UserSessions.idOf(racing)).isNull();
		assertThat(app.userSessions.list(alice)).hasSize(1);
	}

	@Test
	default void listenersAreToldOfEachCreationLogoutAndEndOnce() {
		RegistryFixture fixture = registryFixture();
		Instance app = fixture.first();
		List<String> told = new ArrayList<>();
		app.sessions.setListeners(List.of(app.tracker, new SessionListener() {

			@Override
			public void saved(@Nullable String previousKey, String key, Map<String, @Nullable Object> data,
					Instant expiresAt) {
				if (previousKey == null) {
					told.add("created " + data.get("n"));
				}
			}

			@Override
			public void flushed(String key, Map<String, @Nullable Object> data) {
				told.add("flushed " + data.get("n"));
			}

		}));
		app.userSessions.setEndListener((session, reason) -> told.add(reason + " " + session.principal()));
		Session session = app.sessions.open(null);
		session.set("n", 1);
		session.save();
		String cookie = session.getSessionKey();
		for (int i = 0; i < 3; i++) {
			Session again = app.sessions.open(cookie);
			again.set("visits", i);
			again.save();
			cookie = again.getSessionKey();
		}
		Session cycled = app.sessions.open(cookie);
		cycled.cycleKey();
		cycled.save();
		cycled.flush();
		assertThat(told).containsExactly("created 1", "flushed 1");
		told.clear();
		String alice = user();
		String first = login(app, alice, null);
		login(app, alice, null);
		String firstId = UserSessions.idOf(app.sessions.open(first));
		assertThat(firstId).isNotNull();
		assertThat(app.userSessions.end(alice, firstId)).isTrue();
		assertThat(app.userSessions.end(alice, firstId)).isFalse();
		assertThat(app.userSessions.endAll(alice)).isOne();
		assertThat(app.userSessions.endAll(alice)).isZero();
		assertThat(told).containsExactly("created null", "created null", "ENDED " + alice, "ENDED " + alice);
		told.clear();
		login(app, alice, null);
		Session limited = app.sessions.open(null);
		limited.set("n", 2);
		PrincipalSessions current = app.userSessions.sessionsOf(alice);
		app.userSessions.register(limited, alice, null, null, current.version(),
				current.sessions().stream().map(RegisteredSession::id).toList());
		limited.save();
		assertThat(told).containsExactly("created null", "MAXIMUM_SESSIONS " + alice, "created 2");
	}

	@RepeatedTest(5)
	default void eachExpiryIsReportedOnceByTheInstancesThatRemoveExpiredSessions() throws Exception {
		RegistryFixture fixture = registryFixture();
		List<Instance> instances = List.of(fixture.first(), fixture.second());
		List<String> reported = new CopyOnWriteArrayList<>();
		for (Instance app : instances) {
			app.userSessions.setEndListener((session, reason) -> reported.add(reason + " " + session.id()));
		}
		String alice = user();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			Session session = instances.get(i % 2).sessions.open(null);
			session.setExpiry(60);
			instances.get(i % 2).userSessions.register(session, alice, null, null);
			session.save();
			ids.add(UserSessions.idOf(session));
		}
		String lasting = login(instances.get(0), alice, null);
		assertThat(instances.get(0).userSessions.removeExpired(100)).isZero();
		fixture.advance().accept(Duration.ofMinutes(3));
		ExecutorService executor = Executors.newFixedThreadPool(4);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<CompletableFuture<Void>> upkeeps = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				Instance app = instances.get(i % 2);
				upkeeps.add(CompletableFuture.runAsync(() -> {
					StartingLine.await(start);
					while (app.userSessions.removeExpired(2) == 2) {
						// as the upkeep does: until fewer than a batch are left
					}
				}, executor));
			}
			start.countDown();
			for (CompletableFuture<Void> upkeep : upkeeps) {
				upkeep.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		// a store shared by a test class may hold other tests' expired sessions too
		assertThat(reported).doesNotHaveDuplicates();
		assertThat(reported.stream().filter((event) -> ids.contains(event.substring("EXPIRED ".length()))))
			.containsExactlyInAnyOrderElementsOf(ids.stream().map((id) -> "EXPIRED " + id).toList());
		assertThat(instances.get(1).userSessions.list(alice)).extracting(RegisteredSession::id)
			.containsExactly(UserSessions.idOf(instances.get(0).sessions.open(lasting)));
	}

	/**
	 * Log a user in, as a login does: the session's key changes (when it has one) and the
	 * session is registered, then saved.
	 * @param app the instance
	 * @param user the user's name
	 * @param cookie the cookie the request carries, or {@code null}
	 * @return the cookie of the logged-in session
	 */
	private static String login(Instance app, String user, @Nullable String cookie) {
		Session session = app.sessions.open(cookie);
		session.set("cart", "3 books");
		if (session.getSessionKey() != null) {
			session.cycleKey();
		}
		app.userSessions.register(session, user, "Mozilla/5.0", "192.0.2.7");
		session.save();
		String key = session.getSessionKey();
		assertThat(key).as("a saved session has a key").isNotNull();
		return key;
	}

	private static boolean isLive(Instance app, @Nullable String cookie) {
		Session session = app.sessions.open(cookie);
		session.ensureLoaded();
		return session.getSessionKey() != null;
	}

	private static String user() {
		return "user-" + UUID.randomUUID();
	}

}
