package io.sessionengines.web.reactive;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import io.sessionengines.autoconfigure.SessionEngineDecorator;
import io.sessionengines.engine.SessionStoreUnavailableException;
import io.sessionengines.session.Session;
import io.sessionengines.web.SessionUnavailableException;
import io.sessionengines.web.reactive.ThreadRecordingSessionEngine.Call;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.session.ReactiveSessionRegistry;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.logout.DelegatingServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.SecurityContextServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.ServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session middleware under Spring WebFlux, on a real Netty server, checked over HTTP
 * by a subclass per engine: Django's decision table, the {@code WebSession} and
 * {@code Session} views, session failures, and that no engine call and no blocking call
 * runs on an event-loop thread. BlockHound watches every non-blocking thread of the JVM;
 * a blocking call there is recorded and fails the test.
 *
 * @author Session Engines contributors
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractReactiveSessionTests {

	private static final String UNAVAILABLE = new SessionUnavailableException(
			new SessionStoreUnavailableException("unreachable", null))
		.getMessage();

	private static final List<String> blockingCalls = new CopyOnWriteArrayList<>();

	static {
		BlockHound.install((builder) -> builder.blockingMethodCallback((method) -> {
			blockingCalls.add(method + " on " + Thread.currentThread().getName());
			throw new BlockingOperationError(method);
		}));
	}

	private final HttpClient client = HttpClient.newHttpClient();

	private ConfigurableApplicationContext context;

	private ThreadRecordingSessionEngine engine;

	private int port;

	/**
	 * Return the properties that choose the engine under test.
	 * @return the properties
	 */
	abstract String[] engineProperties();

	/**
	 * Return whether a session's key can be ended, so that a request that replays it gets
	 * an empty session: not for a signed cookie, which carries the session itself.
	 * @return whether keys can be ended
	 */
	boolean keysCanBeEnded() {
		return true;
	}

	@BeforeAll
	void startServer() {
		List<String> properties = new ArrayList<>(List.of(engineProperties()));
		properties.add("server.port=0");
		properties.add("spring.main.banner-mode=off");
		// the failures are deliberate: no stack trace per failed request in the build's
		// log
		properties.add("logging.level.org.springframework.boot.webflux.autoconfigure.error=off");
		properties.add("logging.level.org.springframework.web.HttpLogging=off");
		properties.add("session.secret-key=reactive-session-tests-secret-key-of-fifty-characters!");
		this.context = new SpringApplicationBuilder(ReactiveApplication.class).web(WebApplicationType.REACTIVE)
			.properties(properties.toArray(String[]::new))
			.run();
		this.engine = this.context.getBean(EngineHolder.class).engine.get();
		this.port = Integer.parseInt(this.context.getEnvironment().getProperty("local.server.port", "0"));
	}

	@AfterAll
	void stopServer() {
		this.context.close();
	}

	@BeforeEach
	void forgetCalls() {
		this.engine.calls().clear();
		this.engine.setUnavailable(false);
		this.engine.setWritesUnavailable(false);
		blockingCalls.clear();
	}

	@AfterEach
	void noEngineCallOrBlockingCallRanOnAnEventLoop() {
		assertThat(blockingCalls).as("blocking calls on non-blocking threads").isEmpty();
		assertThat(this.engine.calls()).as("engine calls").noneMatch(Call::onEventLoop);
	}

	@Test
	void aRequestThatNeverAsksForItsSessionCostsNothingAndCarriesNothing() throws Exception {
		String cookie = sessionCookie(get("/visits", null));
		this.engine.calls().clear();
		HttpResponse<String> response = get("/hello", cookie);
		assertThat(response.body()).isEqualTo("ok");
		assertThat(setCookie(response)).isNull();
		assertThat(response.headers().firstValue("Vary")).isEmpty();
		assertThat(this.engine.operations()).isEmpty();
	}

	@Test
	void visitsAreCountedWithDjangosCookieAndVary() throws Exception {
		HttpResponse<String> first = get("/visits", null);
		assertThat(first.body()).isEqualTo("1");
		assertThat(this.engine.operations()).containsExactly("create");
		String header = setCookie(first);
		assertThat(header).contains("; HttpOnly")
			.contains("; SameSite=Lax")
			.contains("; Path=/")
			.contains("; Max-Age=1209600")
			.doesNotContain("Secure");
		assertThat(first.headers().allValues("Vary")).containsExactly("Cookie");
		this.engine.calls().clear();
		HttpResponse<String> second = get("/visits", sessionCookie(first));
		assertThat(second.body()).isEqualTo("2");
		assertThat(this.engine.operations()).containsExactly("load", "update");
		assertThat(get("/visits", sessionCookie(second)).body()).isEqualTo("3");
	}

	@Test
	void aReadLoadsOnceAndSetsNoCookie() throws Exception {
		String cookie = sessionCookie(get("/visits", null));
		this.engine.calls().clear();
		HttpResponse<String> peek = get("/peek", cookie);
		assertThat(peek.body()).isEqualTo("1");
		assertThat(setCookie(peek)).isNull();
		assertThat(peek.headers().allValues("Vary")).containsExactly("Cookie");
		assertThat(this.engine.operations()).containsExactly("load");
	}

	@Test
	void aRequestWithoutACookieThatOnlyReadsTouchesNoStore() throws Exception {
		HttpResponse<String> peek = get("/peek", null);
		assertThat(peek.body()).isEqualTo("0");
		assertThat(setCookie(peek)).isNull();
		assertThat(this.engine.operations()).isEmpty();
	}

	@Test
	void webSessionAttributesAreSessionEntries() throws Exception {
		HttpResponse<String> first = get("/web/visits", null);
		assertThat(first.body()).isEqualTo("1 started");
		HttpResponse<String> second = get("/web/visits", sessionCookie(first));
		assertThat(second.body()).isEqualTo("2 started");
		// the Session view sees what the WebSession view wrote, and the other way round
		assertThat(get("/peek", sessionCookie(second)).body()).isEqualTo("2");
		assertThat(get("/web/visits", sessionCookie(get("/visits", sessionCookie(second)))).body())
			.isEqualTo("4 started");
	}

	@Test
	void webSessionOfARequestWithoutACookieIsNotStarted() throws Exception {
		assertThat(get("/web/started", null).body()).isEqualTo("false");
	}

	@Test
	void changeSessionIdMovesTheDataToANewKey() throws Exception {
		String cookie = sessionCookie(get("/visits", null));
		HttpResponse<String> login = post("/web/login", cookie);
		assertThat(login.statusCode()).isEqualTo(200);
		String newCookie = sessionCookie(login);
		assertThat(login.body()).isEqualTo(id(newCookie));
		assertThat(get("/peek", newCookie).body()).isEqualTo("1");
		if (keysCanBeEnded()) {
			assertThat(newCookie).isNotEqualTo(cookie);
			assertThat(get("/peek", cookie).body()).isEqualTo("0");
		}
	}

	@Test
	void invalidateFlushesTheSessionAndDeletesTheCookie() throws Exception {
		String cookie = sessionCookie(get("/visits", null));
		HttpResponse<String> logout = post("/web/logout", cookie);
		assertThat(logout.statusCode()).isEqualTo(200);
		String header = setCookie(logout);
		assertThat(header).startsWith("sessionid=;").contains("; Max-Age=0");
		if (keysCanBeEnded()) {
			assertThat(get("/peek", cookie).body()).isEqualTo("0");
		}
	}

	@Test
	void springSecuritysContextIsKeptAndTheKeyChangesAtLogin() throws Exception {
		String cookie = sessionCookie(get("/visits", null));
		HttpResponse<String> login = post("/security/login", cookie);
		assertThat(login.statusCode()).isEqualTo(200);
		String loggedIn = sessionCookie(login);
		if (keysCanBeEnded()) {
			assertThat(loggedIn).isNotEqualTo(cookie);
			assertThat(get("/security/user", cookie).body()).isEqualTo("anonymous");
		}
		assertThat(get("/security/user", loggedIn).body()).isEqualTo("alice [ROLE_USER]");
		assertThat(get("/peek", loggedIn).body()).as("the anonymous data is kept").isEqualTo("1");
	}

	/**
	 * Spring Security's stock reactive logout only removes the login and moves the
	 * session to a new key; with its {@code WebSessionServerLogoutHandler} as well, the
	 * logout flushes the session as Django's does: the data is gone under every key it
	 * had.
	 */
	@Test
	void springSecuritysLogoutWithTheWebSessionHandlerFlushesTheSession() throws Exception {
		String cookie = sessionCookie(get("/visits", null));
		String loggedIn = sessionCookie(post("/security/login", cookie));
		HttpResponse<String> logout = post("/security/logout", loggedIn);
		assertThat(logout.statusCode()).isEqualTo(200);
		assertThat(setCookie(logout)).startsWith("sessionid=;").contains("; Max-Age=0");
		assertThat(get("/security/user", loggedIn).body()).isEqualTo("anonymous");
		if (keysCanBeEnded()) {
			assertThat(get("/peek", loggedIn).body()).as("the data under the logged-in key").isEqualTo("0");
		}
	}

	@Test
	void changeSessionIdAfterAFlushStoresNoEmptySession() throws Exception {
		String cookie = sessionCookie(get("/visits", null));
		this.engine.calls().clear();
		HttpResponse<String> logout = post("/web/logout-then-change-id", cookie);
		assertThat(setCookie(logout)).startsWith("sessionid=;").contains("; Max-Age=0");
		assertThat(this.engine.operations()).doesNotContain("create", "update");
	}

	/**
	 * The data is read before the application runs, but a key that names no session is
	 * kept until the data is used, as on the servlet stack: a clear before any read saves
	 * an empty session under a new key instead of deleting the cookie.
	 */
	@Test
	void clearWithAnUnknownKeySavesAnEmptySessionUnderANewKey() throws Exception {
		String unknown = "unknownkey0123456789abcdefghijkl";
		HttpResponse<String> cleared = post("/clear", unknown);
		assertThat(cleared.statusCode()).isEqualTo(200);
		String cookie = sessionCookie(cleared);
		assertThat(cookie).isNotEmpty().isNotEqualTo(unknown);
		HttpResponse<String> peek = get("/peek", cookie);
		assertThat(peek.body()).isEqualTo("0");
		assertThat(setCookie(peek)).isNull();
	}

	@Test
	void maxIdleTimeIsTheSessionsExpiry() throws Exception {
		HttpResponse<String> response = post("/web/max-idle?seconds=60", null);
		assertThat(response.body()).isEqualTo("PT1M");
		assertThat(setCookie(response)).contains("; Max-Age=60");
	}

	@Test
	void aServerErrorSavesNothing() throws Exception {
		String cookie = sessionCookie(get("/visits", null));
		HttpResponse<String> failed = get("/fail", cookie);
		assertThat(failed.statusCode()).isEqualTo(500);
		assertThat(setCookie(failed)).isNull();
		assertThat(get("/peek", cookie).body()).isEqualTo("1");
	}

	@Test
	void anApplicationFailureSavesNothing() throws Exception {
		String cookie = sessionCookie(get("/visits", null));
		HttpResponse<String> failed = get("/boom", cookie);
		assertThat(failed.statusCode()).isEqualTo(500);
		assertThat(setCookie(failed)).isNull();
		assertThat(get("/peek", cookie).body()).isEqualTo("1");
	}

	@Test
	void aStoreThatCannotBeReadAnswers503WithAMessage() throws Exception {
		String cookie = sessionCookie(get("/visits", null));
		this.engine.setUnavailable(true);
		HttpResponse<String> response = get("/peek", cookie);
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/plain"));
		// the cause is logged, never sent
		assertThat(response.body()).isEqualTo(UNAVAILABLE);
		assertThat(setCookie(response)).isNull();
	}

	@Test
	void aSaveThatFailsAnswers503InsteadOfTheApplicationsResponse() throws Exception {
		this.engine.setUnavailable(true);
		HttpResponse<String> response = get("/visits", null);
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.body()).isEqualTo(UNAVAILABLE);
		assertThat(setCookie(response)).isNull();
		assertThat(response.headers().firstValue("X-Application")).isEmpty();
	}

	/**
	 * Failed responses, each followed by a request on the same kept-alive connection:
	 * with the engine's calls on the blocking scheduler, Reactor Netty once left such a
	 * response unsent now and then, unless the exchange resumed on its event loop.
	 */
	@Test
	void failedResponsesAreSentAndTheConnectionServesTheNextRequest() throws Exception {
		String cookie = sessionCookie(get("/visits", null));
		for (int i = 0; i < 40; i++) {
			this.engine.setUnavailable(true);
			assertThat(get("/visits", null).statusCode()).isEqualTo(503);
			this.engine.setUnavailable(false);
			assertThat(get("/visits", null).statusCode()).as("after a failed save").isEqualTo(200);
			assertThat(get("/boom", cookie).statusCode()).isEqualTo(500);
			assertThat(get("/peek", cookie).body()).as("after an application failure").isEqualTo("1");
		}
	}

	@Test
	void anExchangeResumesOnItsEventLoopAfterAKeyChangeOrAFlush() throws Exception {
		String cookie = sessionCookie(get("/visits", null));
		assertThat(post("/web/login-thread", cookie).body()).startsWith("reactor-http-");
		assertThat(post("/web/logout-thread", sessionCookie(get("/visits", null))).body()).startsWith("reactor-http-");
	}

	/**
	 * Logins and logouts whose store call fails, each followed by a request on the same
	 * kept-alive connection, as
	 * {@link #failedResponsesAreSentAndTheConnectionServesTheNextRequest}.
	 */
	@Test
	void failedKeyChangesAndFlushesAreSentAndTheConnectionServesTheNextRequest() throws Exception {
		for (int i = 0; i < 20; i++) {
			String cookie = sessionCookie(get("/visits", null));
			this.engine.setWritesUnavailable(true);
			assertThat(post("/web/login", cookie).statusCode()).isEqualTo(503);
			assertThat(post("/web/logout", cookie).statusCode()).isEqualTo(503);
			this.engine.setWritesUnavailable(false);
			assertThat(get("/peek", cookie).body()).as("after failed key changes and flushes").isEqualTo("1");
		}
	}

	@Test
	void anExchangeResumesOnItsEventLoopAfterTheSessionRegistrysCall() throws Exception {
		assertThat(get("/security/sessions-thread", null).body()).startsWith("reactor-http-");
	}

	@Test
	void blockingOnTheEventLoopIsCaught() throws Exception {
		assertThat(get("/block", null).statusCode()).isEqualTo(500);
		assertThat(blockingCalls).as("the detector's canary").isNotEmpty();
		blockingCalls.clear();
	}

	/**
	 * Return the session id a cookie's key gives.
	 */
	private String id(String cookie) throws IOException, InterruptedException {
		return get("/web/id", cookie).body();
	}

	HttpResponse<String> get(String path, @Nullable String cookie) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path)).GET(), cookie);
	}

	HttpResponse<String> post(String path, @Nullable String cookie) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()), cookie);
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private HttpResponse<String> send(HttpRequest.Builder request, @Nullable String cookie)
			throws IOException, InterruptedException {
		if (cookie != null) {
			request.header("Cookie", "sessionid=" + cookie);
		}
		return this.client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Return the response's session {@code Set-Cookie} header.
	 */
	static @Nullable String setCookie(HttpResponse<?> response) {
		List<String> headers = response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((header) -> header.startsWith("sessionid="))
			.toList();
		assertThat(headers).hasSizeLessThanOrEqualTo(1);
		return headers.isEmpty() ? null : headers.get(0);
	}

	/**
	 * Return the session key the response sets.
	 */
	static String sessionCookie(HttpResponse<?> response) {
		String header = setCookie(response);
		assertThat(header).as("Set-Cookie of %s", response).isNotNull();
		return header.substring("sessionid=".length(), header.indexOf(';'));
	}

	/**
	 * The application under test.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(Endpoints.class)
	static class ReactiveApplication {

		@Bean
		EngineHolder engineHolder() {
			return new EngineHolder();
		}

		@Bean
		SessionEngineDecorator recordingEngine(EngineHolder holder) {
			return (engine) -> {
				ThreadRecordingSessionEngine recording = new ThreadRecordingSessionEngine(engine);
				holder.engine.set(recording);
				return recording;
			};
		}

	}

	/**
	 * The engine the application's sessions use.
	 */
	static class EngineHolder {

		final AtomicReference<ThreadRecordingSessionEngine> engine = new AtomicReference<>();

	}

	@RestController
	static class Endpoints {

		private final WebSessionServerSecurityContextRepository securityContexts = new WebSessionServerSecurityContextRepository();

		private final ServerLogoutHandler stockLogoutAndFlush = new DelegatingServerLogoutHandler(
				new SecurityContextServerLogoutHandler(), new WebSessionServerLogoutHandler());

		private final ReactiveSessionRegistry sessionRegistry;

		Endpoints(ReactiveSessionRegistry sessionRegistry) {
			this.sessionRegistry = sessionRegistry;
		}

		@GetMapping("/security/sessions-thread")
		Mono<String> sessionsThread(ServerWebExchange exchange) {
			// the exchange in the context, as Spring Security's filter chain puts it
			return this.sessionRegistry.getAllSessions("alice")
				.then(Mono.fromSupplier(() -> Thread.currentThread().getName()))
				.contextWrite(Context.of(ServerWebExchange.class, exchange));
		}

		@GetMapping("/hello")
		String hello() {
			return "ok";
		}

		@GetMapping("/visits")
		ResponseEntity<String> visits(Session session) {
			long visits = visitsOf(session) + 1;
			session.set("visits", visits);
			return ResponseEntity.ok().header("X-Application", "visits").body(Long.toString(visits));
		}

		@GetMapping("/peek")
		String peek(Session session) {
			return Long.toString(visitsOf(session));
		}

		@PostMapping("/clear")
		String clear(Session session) {
			session.clear();
			return "cleared";
		}

		@GetMapping("/fail")
		ResponseEntity<String> fail(Session session) {
			session.set("visits", 99);
			return ResponseEntity.internalServerError().body("failed");
		}

		@GetMapping("/boom")
		String boom(Session session) {
			session.set("visits", 99);
			throw new IllegalStateException("boom");
		}

		@GetMapping("/web/visits")
		String webVisits(WebSession session) {
			Map<String, Object> attributes = session.getAttributes();
			long visits = ((attributes.get("visits") instanceof Number number) ? number.longValue() : 0) + 1;
			attributes.put("visits", visits);
			return visits + (session.isStarted() ? " started" : " not started");
		}

		@GetMapping("/web/started")
		String started(WebSession session) {
			return Boolean.toString(session.isStarted());
		}

		@GetMapping("/web/id")
		String id(WebSession session) {
			return session.getId();
		}

		@PostMapping("/web/login")
		Mono<String> login(WebSession session) {
			return session.changeSessionId().then(Mono.fromSupplier(session::getId));
		}

		@PostMapping("/web/logout")
		Mono<String> logout(WebSession session) {
			return session.invalidate().thenReturn("logged out");
		}

		@PostMapping("/web/login-thread")
		Mono<String> loginThread(WebSession session) {
			return session.changeSessionId().then(Mono.fromSupplier(() -> Thread.currentThread().getName()));
		}

		@PostMapping("/web/logout-thread")
		Mono<String> logoutThread(WebSession session) {
			return session.invalidate().then(Mono.fromSupplier(() -> Thread.currentThread().getName()));
		}

		@PostMapping("/web/logout-then-change-id")
		Mono<String> logoutThenChangeId(WebSession session) {
			return session.invalidate().then(session.changeSessionId()).thenReturn("logged out");
		}

		@PostMapping("/web/max-idle")
		String maxIdle(WebSession session, @RequestParam long seconds) {
			session.setMaxIdleTime(Duration.ofSeconds(seconds));
			session.getAttributes().put("idle", seconds);
			return session.getMaxIdleTime().toString();
		}

		@PostMapping("/security/login")
		Mono<String> securityLogin(ServerWebExchange exchange) {
			SecurityContext context = new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated("alice",
					null, List.of(new SimpleGrantedAuthority("ROLE_USER"))));
			return this.securityContexts.save(exchange, context).thenReturn("logged in");
		}

		@PostMapping("/security/logout")
		Mono<String> securityLogout(ServerWebExchange exchange) {
			WebFilterExchange filterExchange = new WebFilterExchange(exchange, (next) -> Mono.empty());
			return this.stockLogoutAndFlush
				.logout(filterExchange, UsernamePasswordAuthenticationToken.unauthenticated("alice", null))
				.thenReturn("logged out");
		}

		@GetMapping("/security/user")
		Mono<String> securityUser(ServerWebExchange exchange) {
			return this.securityContexts.load(exchange)
				.map(SecurityContext::getAuthentication)
				.map((user) -> user.getName() + " " + user.getAuthorities())
				.defaultIfEmpty("anonymous");
		}

		@GetMapping("/block")
		Mono<String> block() {
			return Mono.fromCallable(() -> {
				Thread.sleep(1);
				return "slept";
			});
		}

		private static long visitsOf(Session session) {
			return (session.get("visits") instanceof Number visits) ? visits.longValue() : 0;
		}

	}

}
