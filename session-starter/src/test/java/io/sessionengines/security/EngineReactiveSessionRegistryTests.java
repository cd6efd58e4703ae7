package io.sessionengines.security;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.sessionengines.engine.MutableClock;
import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.SessionUpdateException;
import io.sessionengines.engine.cache.CacheSessionEngine;
import io.sessionengines.engine.cache.SessionCacheStore;
import io.sessionengines.registry.CountingSessionRegistryStore;
import io.sessionengines.registry.InMemorySessionRegistryStore;
import io.sessionengines.registry.RegisteredSession;
import io.sessionengines.registry.RevocationList;
import io.sessionengines.registry.SessionRegistryStore;
import io.sessionengines.registry.SessionTracker;
import io.sessionengines.registry.UserSessions;
import io.sessionengines.serializer.JavaSessionSerializer;
import io.sessionengines.session.SessionFactory;
import io.sessionengines.signing.TimestampSigner;
import io.sessionengines.testsupport.StartingLine;
import io.sessionengines.web.SameSite;
import io.sessionengines.web.SessionCookie;
import io.sessionengines.web.SessionMiddleware;
import io.sessionengines.web.SessionRegistrar;
import io.sessionengines.web.reactive.EngineWebSessionManager;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.session.ReactiveSessionInformation;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ConcurrentSessionControlServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.DelegatingServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.RegisterSessionServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.SessionLimit;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link EngineReactiveSessionRegistry}, driven by Spring Security WebFlux's
 * own concurrent-session control
 * ({@link ConcurrentSessionControlServerAuthenticationSuccessHandler} then
 * {@link RegisterSessionServerAuthenticationSuccessHandler}, as
 * {@code sessionManagement((s) -> s.concurrentSessions(...))} chains them) on exchanges
 * whose sessions are the engine's, with the exchange in the Reactor context as Spring
 * Security's filter chain puts it.
 *
 * @author Session Engines contributors
 */
class EngineReactiveSessionRegistryTests {

	private static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64)";

	private static final String CONTEXT = WebSessionServerSecurityContextRepository.DEFAULT_SPRING_SECURITY_CONTEXT_ATTR_NAME;

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));

	private final Map<String, String> stored = new ConcurrentHashMap<>();

	private final SessionEngine engine;

	private final CountingSessionRegistryStore store = new CountingSessionRegistryStore(
			new InMemorySessionRegistryStore(this.clock));

	private final UserSessions userSessions;

	private final SessionFactory factory;

	private final Scheduler scheduler = Schedulers.newBoundedElastic(8, 1000, "registry-tests");

	private final EngineWebSessionManager manager;

	private final EngineReactiveSessionRegistry registry;

	EngineReactiveSessionRegistryTests() {
		SessionExpiry expiry = new SessionExpiry(Duration.ofDays(14), false, this.clock);
		JavaSessionSerializer serializer = new JavaSessionSerializer();
		this.engine = new CacheSessionEngine(new MapCacheStore(this.stored), new SessionCodec(serializer,
				new TimestampSigner("k3y-0f-f0rty-tw0-ch4racters-f0r-th3-t3sts", List.of(), "salt", this.clock)),
				expiry);
		RevocationList revocations = new RevocationList(this.store, this.clock);
		this.userSessions = new UserSessions(this.store, this.engine, expiry, revocations);
		this.factory = new SessionFactory(this.engine, expiry, serializer);
		this.factory
			.setListeners(List.of(new SessionTracker(this.store, this.userSessions, this.engine, expiry, revocations)));
		SessionMiddleware middleware = new SessionMiddleware(this.factory,
				new SessionCookie("sessionid", null, "/", false, true, SameSite.LAX), false);
		middleware.setRegistrar(new SessionRegistrar(this.userSessions, new SecurityContextPrincipalResolver()));
		this.manager = new EngineWebSessionManager(middleware, this.scheduler);
		this.registry = new EngineReactiveSessionRegistry(this.userSessions, new SecurityContextPrincipalResolver(),
				this.scheduler);
	}

	@AfterEach
	void disposeScheduler() {
		this.scheduler.dispose();
	}

	@Test
	void aLoginUnderTheLimitEndsNothingAndIsRegisteredForTheExchange() {
		String first = logIn("alice", 2, null);
		MockServerWebExchange exchange = exchange(null);
		String second = logIn(exchange, "alice", 2);
		assertThat(this.userSessions.list("alice")).extracting(RegisteredSession::key)
			.containsExactlyInAnyOrder(first, second);
		assertThat(this.userSessions.list("alice")).allSatisfy((session) -> {
			assertThat(session.userAgent()).isEqualTo(USER_AGENT);
			assertThat(session.ip()).isEqualTo("203.0.113.9");
		});
		assertThat((Object) exchange.getAttribute(SessionRegistrar.REGISTERED_ATTRIBUTE)).isEqualTo(Boolean.TRUE);
		assertThat(this.engine.loadStored(first)).isNotNull();
	}

	@Test
	void aLoginPastTheLimitEndsTheLeastRecentlySeenSessionsThatKeepTheUserWithinIt() {
		String oldest = logIn("alice", 3, null);
		String older = logIn("alice", 3, null);
		String recent = logIn("alice", 3, null);
		String bobs = logIn("bob", 3, null);
		String latest = logIn("alice", 2, null);
		assertThat(this.userSessions.list("alice")).extracting(RegisteredSession::key)
			.containsExactlyInAnyOrder(recent, latest);
		assertThat(this.engine.loadStored(oldest)).isNull();
		assertThat(this.engine.loadStored(older)).isNull();
		assertThat(this.engine.loadStored(recent)).isNotNull();
		assertThat(this.engine.loadStored(bobs)).isNotNull();
		assertThat(this.userSessions.list("bob")).hasSize(1);
	}

	@Test
	void aSessionLoggingInAgainAsTheSameUserDoesNotCountAgainstTheLimit() {
		String other = logIn("alice", 2, null);
		String current = logIn("alice", 2, null);
		String again = logIn("alice", 2, current);
		assertThat(this.userSessions.list("alice")).extracting(RegisteredSession::key)
			.containsExactlyInAnyOrder(other, again);
	}

	@Test
	void outsideAnExchangeTheUsersSessionsAreListedAndEndedAndNothingIsSaved() {
		String first = logIn("alice", 5, null);
		String second = logIn("alice", 5, null);
		List<ReactiveSessionInformation> sessions = this.registry.getAllSessions("alice").collectList().block();
		assertThat(sessions).extracting(ReactiveSessionInformation::getSessionId)
			.containsExactlyInAnyOrderElementsOf(ids("alice"));
		ReactiveSessionInformation firstSession = sessions.stream()
			.filter((session) -> first
				.equals(((RegisteredReactiveSessionInformation) session).getRegisteredSession().key()))
			.findFirst()
			.orElseThrow();
		firstSession.invalidate().block();
		assertThat(this.engine.loadStored(first)).isNull();
		assertThat(this.userSessions.list("alice")).extracting(RegisteredSession::key).containsExactly(second);
		int calls = this.store.calls();
		this.registry.saveSessionInformation(new ReactiveSessionInformation("alice", "any", Instant.now())).block();
		assertThat(this.store.calls()).isEqualTo(calls);
		assertThat(this.userSessions.list("alice")).hasSize(1);
	}

	@Test
	void inARequestThatIsNotALoginListedSessionsIncludeTheCurrentOneAndEndWhenInvalidated() {
		String other = logIn("alice", 5, null);
		String current = logIn("alice", 5, null);
		MockServerWebExchange exchange = exchange(current);
		List<ReactiveSessionInformation> sessions = inExchange(exchange,
				this.registry.getAllSessions("alice").collectList());
		assertThat(sessions).extracting(ReactiveSessionInformation::getSessionId)
			.containsExactlyInAnyOrderElementsOf(ids("alice"));
		ReactiveSessionInformation otherSession = sessions.stream()
			.filter((session) -> other
				.equals(((RegisteredReactiveSessionInformation) session).getRegisteredSession().key()))
			.findFirst()
			.orElseThrow();
		inExchange(exchange, otherSession.invalidate());
		assertThat(this.engine.loadStored(other)).isNull();
		assertThat(this.userSessions.list("alice")).extracting(RegisteredSession::key).containsExactly(current);
	}

	@Test
	void aCheckWhoseUsersSessionsChangedBeforeTheSaveStillKeepsTheUserWithinTheLimit() {
		String oldest = logIn("alice", 2, null);
		String recent = logIn("alice", 2, null);
		MockServerWebExchange exchange = exchange(null);
		Authentication alice = authenticated("alice");
		inExchange(exchange,
				new WebSessionServerSecurityContextRepository().save(exchange, new SecurityContextImpl(alice)));
		List<ReactiveSessionInformation> checked = inExchange(exchange,
				this.registry.getAllSessions("alice").collectList());
		assertThat(checked).hasSize(2);
		// the control ends the least recently seen, as the check found them
		inExchange(exchange,
				new InvalidateLeastRecentlySeenSessionsHandler()
					.handle(new org.springframework.security.web.server.authentication.MaximumSessionsContext(alice,
							checked, 2, inExchange(exchange, exchange.getSession()))));
		assertThat(this.engine.loadStored(oldest)).isNotNull();
		// another login of the user registers meanwhile, with no limit
		String raced = logIn("alice", 10, null);
		inExchange(exchange, this.registry
			.saveSessionInformation(new ReactiveSessionInformation(alice.getPrincipal(), "ignored", Instant.now())));
		inExchange(exchange, exchange.getResponse().setComplete());
		String current = cookie(exchange);
		assertThat(this.userSessions.list("alice")).extracting(RegisteredSession::key)
			.hasSize(2)
			.contains(current)
			.containsAnyOf(recent, raced);
		assertThat(this.engine.loadStored(oldest)).isNull();
	}

	@Test
	void racingLoginsOfOneUserLeaveTheUserWithinTheLimitWithOnlyRegisteredSessionsLive() throws Exception {
		for (int limit = 1; limit <= 2; limit++) {
			for (int round = 0; round < 15; round++) {
				String user = "racer-" + limit + "-" + round;
				int logins = 6;
				ExecutorService executor = Executors.newFixedThreadPool(logins);
				try {
					CountDownLatch start = new CountDownLatch(1);
					List<Future<String>> keys = new ArrayList<>();
					int max = limit;
					for (int i = 0; i < logins; i++) {
						keys.add(executor.submit(() -> {
							StartingLine.await(start);
							return logIn(user, max, null);
						}));
					}
					start.countDown();
					List<String> loggedIn = new ArrayList<>();
					for (Future<String> key : keys) {
						try {
							loggedIn.add(key.get(30, TimeUnit.SECONDS));
						}
						catch (ExecutionException ex) {
							// a login whose session a racing login ended before its
							// response
							// committed fails, as a request whose session was deleted
							// does
							assertThat(ex).rootCause().isInstanceOf(SessionUpdateException.class);
						}
					}
					List<RegisteredSession> sessions = this.userSessions.list(user);
					// a raced login keeps no more other sessions than its check left:
					// with a
					// limit of 2, a login whose check found no session keeps none, so the
					// user may end with one session (never more than the limit)
					assertThat(sessions).as("round %d with limit %d", round, limit).hasSizeBetween(1, limit);
					assertThat(loggedIn.stream().filter((key) -> this.engine.loadStored(key) != null))
						.as("live sessions of round %d with limit %d", round, limit)
						.containsExactlyInAnyOrderElementsOf(sessions.stream().map(RegisteredSession::key).toList());
				}
				finally {
					executor.shutdownNow();
				}
			}
		}
	}

	@Test
	void updateLastAccessTimeAndRemoveSessionInformationCostNoStoreCall() {
		SessionRegistryStore registryStore = mock(SessionRegistryStore.class);
		SessionEngine sessionEngine = mock(SessionEngine.class);
		SessionExpiry expiry = new SessionExpiry(Duration.ofDays(14), false, this.clock);
		EngineReactiveSessionRegistry registry = new EngineReactiveSessionRegistry(
				new UserSessions(registryStore, sessionEngine, expiry, mock(RevocationList.class)),
				new SecurityContextPrincipalResolver(), this.scheduler);
		assertThat(registry.updateLastAccessTime("key").block()).isNull();
		assertThat(registry.removeSessionInformation("key").block()).isNull();
		then(registryStore).shouldHaveNoInteractions();
		then(sessionEngine).shouldHaveNoInteractions();
	}

	@Test
	void aSessionWithoutAKeyLoggingInIsStoredAtTheCheckAndOnlyOnce() {
		MockServerWebExchange exchange = exchange(null);
		Authentication alice = authenticated("alice");
		// a login that stores the security context without moving the session to a new
		// key: the session has none at the check
		inExchange(exchange, exchange.getSession()
			.doOnNext((session) -> session.getAttributes().put(CONTEXT, new SecurityContextImpl(alice))));
		inExchange(exchange, successHandler(1).onAuthenticationSuccess(webFilterExchange(exchange), alice));
		String id = inExchange(exchange, exchange.getSession()).getId();
		assertThat(id).isNotEmpty();
		inExchange(exchange, exchange.getResponse().setComplete());
		String key = cookie(exchange);
		assertThat(this.userSessions.list("alice")).extracting(RegisteredSession::key).containsExactly(key);
		assertThat(this.stored).hasSize(1);
	}

	@Test
	void anAnonymousRequestThatListsAUsersSessionsStoresNoSession() {
		logIn("alice", 5, null);
		MockServerWebExchange exchange = exchange(null);
		List<ReactiveSessionInformation> sessions = inExchange(exchange,
				this.registry.getAllSessions("alice").collectList());
		inExchange(exchange, exchange.getResponse().setComplete());
		assertThat(sessions).hasSize(1);
		assertThat(this.stored).hasSize(1);
		assertThat(exchange.getResponse().getHeaders().get(HttpHeaders.SET_COOKIE)).isNull();
	}

	private List<String> ids(String user) {
		return this.userSessions.list(user).stream().map(RegisteredSession::id).toList();
	}

	private String logIn(String user, int limit, @Nullable String cookie) {
		return logIn(exchange(cookie), user, limit);
	}

	/**
	 * Log a user in on an exchange as Spring Security WebFlux does: the security context
	 * is saved in the session, which moves to a new key, then the concurrent-session
	 * control and the registration run, then the response commits the session.
	 */
	private String logIn(MockServerWebExchange exchange, String user, int limit) {
		// one millisecond apart, so that the sessions are seen in order
		synchronized (this.clock) {
			this.clock.advance(Duration.ofMillis(1));
		}
		Authentication authentication = authenticated(user);
		inExchange(exchange, new WebSessionServerSecurityContextRepository()
			.save(exchange, new SecurityContextImpl(authentication))
			.then(Mono.defer(
					() -> successHandler(limit).onAuthenticationSuccess(webFilterExchange(exchange), authentication)))
			.then(Mono.defer(() -> exchange.getResponse().setComplete())));
		return cookie(exchange);
	}

	private ServerAuthenticationSuccessHandler successHandler(int limit) {
		ConcurrentSessionControlServerAuthenticationSuccessHandler control = new ConcurrentSessionControlServerAuthenticationSuccessHandler(
				this.registry, new InvalidateLeastRecentlySeenSessionsHandler());
		control.setSessionLimit(SessionLimit.of(limit));
		return new DelegatingServerAuthenticationSuccessHandler(control,
				new RegisterSessionServerAuthenticationSuccessHandler(this.registry));
	}

	private MockServerWebExchange exchange(@Nullable String cookie) {
		MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.post("/login")
			.header(HttpHeaders.USER_AGENT, USER_AGENT)
			.remoteAddress(new InetSocketAddress("203.0.113.9", 4242));
		if (cookie != null) {
			request.cookie(new HttpCookie("sessionid", cookie));
		}
		return MockServerWebExchange.builder(request).sessionManager(this.manager).build();
	}

	private static WebFilterExchange webFilterExchange(ServerWebExchange exchange) {
		return new WebFilterExchange(exchange, (filtered) -> Mono.empty());
	}

	private static <T> T inExchange(ServerWebExchange exchange, Mono<T> mono) {
		return mono.contextWrite(Context.of(ServerWebExchange.class, exchange)).block(Duration.ofSeconds(30));
	}

	private static Authentication authenticated(String user) {
		return UsernamePasswordAuthenticationToken.authenticated(user, null, List.of());
	}

	private static String cookie(MockServerWebExchange exchange) {
		List<String> cookies = exchange.getResponse().getHeaders().get(HttpHeaders.SET_COOKIE);
		assertThat(cookies).as("Set-Cookie").hasSize(1);
		String cookie = cookies.get(0);
		assertThat(cookie).startsWith("sessionid=");
		return cookie.substring("sessionid=".length(), cookie.indexOf(';'));
	}

	/**
	 * A cache in a map, whose entries are the stored sessions.
	 */
	private record MapCacheStore(Map<String, String> entries) implements SessionCacheStore {

		@Override
		public @Nullable String get(String key) {
			return this.entries.get(key);
		}

		@Override
		public boolean add(String key, String value, Duration timeToLive) {
			return this.entries.putIfAbsent(key, value) == null;
		}

		@Override
		public boolean replace(String key, String value, Duration timeToLive) {
			return this.entries.replace(key, value) != null;
		}

		@Override
		public void set(String key, String value, Duration timeToLive) {
			this.entries.put(key, value);
		}

		@Override
		public void delete(String key) {
			this.entries.remove(key);
		}

		@Override
		public boolean isInProcess() {
			return true;
		}

	}

}
