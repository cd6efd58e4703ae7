package io.sessionengines.web.reactive;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.sessionengines.web.BoundSession;
import io.sessionengines.web.RequestedKey;
import io.sessionengines.web.SessionClient;
import io.sessionengines.web.SessionCookie;
import io.sessionengines.web.SessionLoginAttribute;
import io.sessionengines.web.SessionMiddleware;
import io.sessionengines.web.SessionRegistrar;
import io.sessionengines.web.SessionResponse;
import io.sessionengines.web.SessionView;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.WebSessionManager;

/**
 * Django's {@code SessionMiddleware} for Spring WebFlux: the session of an exchange is
 * opened when the application first asks for it ({@link ServerWebExchange#getSession()},
 * which WebFlux asks for at most once per exchange), and committed by the
 * {@link SessionMiddleware}'s decision just before the response commits. An exchange that
 * never asks for its session costs no store round trip and carries nothing of it.
 * <p>
 * Engines block: reading the session, saving it, and moving or flushing it run on the
 * given scheduler (by default Reactor's bounded elastic one), never on an event-loop
 * thread. A failure that decides the response is answered by
 * {@link SessionFailureExceptionHandler}.
 *
 * @author Session Engines contributors
 * @since 0.4.0
 */
public class EngineWebSessionManager implements WebSessionManager {

	private final SessionMiddleware middleware;

	private final Scheduler scheduler;

	/**
	 * Create the manager.
	 * @param middleware the session middleware
	 * @param scheduler the scheduler that the engine's blocking calls run on
	 */
	public EngineWebSessionManager(SessionMiddleware middleware, Scheduler scheduler) {
		Assert.notNull(middleware, "'middleware' must not be null");
		Assert.notNull(scheduler, "'scheduler' must not be null");
		this.middleware = middleware;
		this.scheduler = scheduler;
	}

	/**
	 * Open the exchange's session and read its data, on the blocking scheduler when the
	 * request carries a key, and arrange for its commit before the response commits.
	 */
	@Override
	public Mono<WebSession> getSession(ServerWebExchange exchange) {
		RequestedKey requestedKey = requestedKey(this.middleware, exchange.getRequest());
		ExchangeEngineCalls calls = new ExchangeEngineCalls(this.scheduler, exchange.getResponse());
		Callable<WebSession> open = () -> open(exchange, requestedKey, calls);
		return (requestedKey != null) ? calls.call(open) : Mono.fromCallable(open);
	}

	/**
	 * Return the session key a request carries, as the middleware reads it.
	 * @param middleware the session middleware
	 * @param request the request
	 * @return the key and where it came from, or {@code null} when the request carries
	 * none
	 */
	static @Nullable RequestedKey requestedKey(SessionMiddleware middleware, ServerHttpRequest request) {
		String headerName = middleware.getHeaderName();
		String header = (headerName != null) ? request.getHeaders().getFirst(headerName) : null;
		// when the cookie appears more than once the last one wins, as in Django
		List<HttpCookie> cookies = request.getCookies().get(middleware.getCookie().name());
		String cookie = (cookies != null && !cookies.isEmpty()) ? cookies.get(cookies.size() - 1).getValue() : null;
		return middleware.requestedKey(header, cookie);
	}

	private WebSession open(ServerWebExchange exchange, @Nullable RequestedKey requestedKey,
			ExchangeEngineCalls calls) {
		BoundSession bound = this.middleware.open(requestedKey);
		SessionView view = new SessionView(bound.getSession(), this.middleware.getFactory(),
				this.middleware.getLoginAttribute());
		// the data is read here, off the event loop; a key that names no session is
		// forgotten only when the data is used, as on the servlet stack
		bound.getSession().readAhead();
		SessionLoginAttribute login = this.middleware.getLoginAttribute();
		if (login != null && bound.getSession().isLoaded() && !bound.getSession().isEmpty()) {
			// reading a login may end the session (Django flushes one whose login no
			// longer holds), which writes to the store: done here, off the event loop
			view.getAttribute(login.getName());
		}
		ServerHttpResponse response = exchange.getResponse();
		Client client = new Client(exchange);
		response.beforeCommit(() -> commit(bound, response, client, calls));
		EngineWebSession session = new EngineWebSession(view, calls);
		exchange.getAttributes().put(ExchangeSession.ATTRIBUTE, session);
		return session;
	}

	private Mono<Void> commit(BoundSession bound, ServerHttpResponse response, SessionClient client,
			ExchangeEngineCalls calls) {
		HttpStatusCode status = response.getStatusCode();
		int code = (status != null) ? status.value() : 200;
		Callable<SessionResponse> commit = () -> bound.commit(code, client);
		Mono<SessionResponse> decision = bound.commitMayWrite() ? calls.call(commit) : Mono.fromCallable(commit);
		return decision.doOnNext((committed) -> write(committed, response.getHeaders())).then();
	}

	private static void write(SessionResponse decision, HttpHeaders headers) {
		if (decision.setCookie() != null) {
			headers.add(HttpHeaders.SET_COOKIE, decision.setCookie());
		}
		for (String header : decision.vary()) {
			List<String> vary = headers.get(HttpHeaders.VARY);
			if (vary == null || vary.isEmpty()) {
				headers.set(HttpHeaders.VARY, header);
				continue;
			}
			String combined = SessionCookie.varyWith(vary, header);
			if (combined != null) {
				headers.set(HttpHeaders.VARY, combined);
			}
		}
		for (Map.Entry<String, String> header : decision.headers().entrySet()) {
			headers.set(header.getKey(), header.getValue());
		}
	}

	/**
	 * The exchange's client, read only when a login is registered.
	 */
	private record Client(ServerWebExchange exchange) implements SessionClient {

		@Override
		public @Nullable String userAgent() {
			return this.exchange.getRequest().getHeaders().getFirst(HttpHeaders.USER_AGENT);
		}

		@Override
		public @Nullable String address() {
			InetSocketAddress address = this.exchange.getRequest().getRemoteAddress();
			return (address != null && address.getAddress() != null) ? address.getAddress().getHostAddress() : null;
		}

		@Override
		public boolean registeredDuringRequest() {
			return this.exchange.getAttribute(SessionRegistrar.REGISTERED_ATTRIBUTE) != null;
		}

	}

}
