package io.sessionengines.security;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

import io.sessionengines.registry.PrincipalSessions;
import io.sessionengines.registry.RegisteredSession;
import io.sessionengines.registry.UserSessions;
import io.sessionengines.session.Session;
import io.sessionengines.web.SessionPrincipalResolver;
import io.sessionengines.web.SessionRegistrar;
import io.sessionengines.web.reactive.ExchangeEngineCalls;
import io.sessionengines.web.reactive.ExchangeSession;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.session.ReactiveSessionInformation;
import org.springframework.security.core.session.ReactiveSessionRegistry;
import org.springframework.security.web.authentication.session.SessionAuthenticationException;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

/**
 * Spring Security's {@link ReactiveSessionRegistry} on the registry of each user's
 * sessions ({@link UserSessions}), on every engine and shared by every instance that
 * shares the registry's store, so that
 * {@code sessionManagement((s) -> s.concurrentSessions(...))} limits a user's sessions
 * atomically: logins of one user that race leave the user within the limit.
 * <p>
 * A login's concurrent-session control asks for the user's sessions, ends some of them
 * (or refuses the login), then saves the login's session. Within a login's exchange
 * (found in the Reactor context, where Spring Security's filter chain puts it, and whose
 * session the {@link SessionPrincipalResolver} says logged in as that user during the
 * exchange), asking for the sessions starts a check: the sessions the control chooses to
 * end are only recorded, and saving registers the login's session and ends them in one
 * atomic step, if the user's sessions have not changed meanwhile. If they have, the step
 * is retried on what is there now, keeping at most as many other sessions as the check
 * left, least recently seen ended first: never more than the limit, though a raced login
 * may end a session that a later, unraced one would have kept. Anywhere else (no
 * exchange, or an exchange that is not the user's login, such as an application's page
 * that lists the user's sessions) the user's sessions are listed as they are, the current
 * one too, and {@code invalidate()} ends a session at once.
 * <p>
 * What differs from Spring Security's in-memory registry, and why:
 * <ul>
 * <li>A session's id is its opaque registry id, never its key.</li>
 * <li>{@link #updateLastAccessTime} and {@link #removeSessionInformation} do nothing: the
 * session tracker records activity (at most once a minute) and ends sessions that log
 * out, and Spring Security calls them with session keys on every request that opens its
 * session, which must cost no store round trip.</li>
 * <li>A session without a key is stored at its login's check, so that it has the id that
 * Spring Security's handlers read.</li>
 * </ul>
 * Every registry call blocks, so it runs on the given scheduler, never on an event loop.
 *
 * @author Session Engines contributors
 * @since 0.4.0
 */
public final class EngineReactiveSessionRegistry implements ReactiveSessionRegistry {

	private static final String CHECK_ATTRIBUTE = EngineReactiveSessionRegistry.class.getName() + ".CHECK";

	private final UserSessions userSessions;

	private final SessionPrincipalResolver principalResolver;

	private final Scheduler scheduler;

	/**
	 * Create the registry.
	 * @param userSessions the registry of each user's sessions
	 * @param principalResolver tells which user a session is logged in as, and whether it
	 * logged in during the exchange, as the session registrar reads it
	 * @param scheduler the scheduler that the registry's blocking calls run on
	 */
	public EngineReactiveSessionRegistry(UserSessions userSessions, SessionPrincipalResolver principalResolver,
			Scheduler scheduler) {
		Assert.notNull(userSessions, "'userSessions' must not be null");
		Assert.notNull(principalResolver, "'principalResolver' must not be null");
		Assert.notNull(scheduler, "'scheduler' must not be null");
		this.userSessions = userSessions;
		this.principalResolver = principalResolver;
		this.scheduler = scheduler;
	}

	@Override
	public Flux<ReactiveSessionInformation> getAllSessions(Object principal) {
		String name = EngineSessionRegistry.nameOf(principal);
		Mono<List<ReactiveSessionInformation>> sessions = exchange()
			.flatMap((exchange) -> engineSession(exchange).filter((session) -> isLogin(session, name))
				.flatMap((session) -> blocking(() -> beginCheck(exchange, session, name))))
			.switchIfEmpty(blocking(() -> listed(name)));
		return sessions.flatMapIterable((list) -> list);
	}

	/**
	 * Register the login's session, and end the sessions its check chose, in one atomic
	 * step; outside a login's check, do nothing: the session is registered when it is
	 * saved logged in.
	 */
	@Override
	public Mono<Void> saveSessionInformation(ReactiveSessionInformation information) {
		String name = EngineSessionRegistry.nameOf(information.getPrincipal());
		return exchange().flatMap((exchange) -> {
			// a check is used once, by the save that follows it
			LoginCheck check = (LoginCheck) exchange.getAttributes().remove(CHECK_ATTRIBUTE);
			if (check == null || !check.principal.equals(name)) {
				return Mono.empty();
			}
			return engineSession(exchange)
				.flatMap((session) -> blocking(() -> register(session, check, userAgent(exchange), address(exchange))))
				.doOnNext((registered) -> exchange.getAttributes()
					.put(SessionRegistrar.REGISTERED_ATTRIBUTE, Boolean.TRUE));
		}).then();
	}

	@Override
	public Mono<ReactiveSessionInformation> getSessionInformation(String sessionId) {
		return blocking(() -> this.userSessions.find(sessionId)).map(this::information);
	}

	@Override
	public Mono<ReactiveSessionInformation> removeSessionInformation(String sessionId) {
		return Mono.empty();
	}

	@Override
	public Mono<ReactiveSessionInformation> updateLastAccessTime(String sessionId) {
		return Mono.empty();
	}

	private List<ReactiveSessionInformation> listed(String name) {
		List<ReactiveSessionInformation> sessions = new ArrayList<>();
		for (RegisteredSession session : this.userSessions.list(name)) {
			sessions.add(information(session));
		}
		return sessions;
	}

	private ReactiveSessionInformation information(RegisteredSession session) {
		return new RegisteredReactiveSessionInformation(session,
				blocking(() -> this.userSessions.end(session.id())).then());
	}

	/**
	 * Return whether the exchange's session logged in as the user during the exchange:
	 * only then is asking for the user's sessions a login's check.
	 */
	private boolean isLogin(Session session, String name) {
		return name.equals(this.principalResolver.principalOf(session)) && this.principalResolver.isNewLogin(session);
	}

	private List<ReactiveSessionInformation> beginCheck(ServerWebExchange exchange, Session session, String name) {
		if (session.getSessionKey() == null) {
			session.save();
		}
		PrincipalSessions found = this.userSessions.sessionsOf(name);
		List<RegisteredSession> others = others(found, session, name);
		LoginCheck check = new LoginCheck(name, found.version(), others.size());
		exchange.getAttributes().put(CHECK_ATTRIBUTE, check);
		List<ReactiveSessionInformation> sessions = new ArrayList<>();
		for (RegisteredSession other : others) {
			sessions.add(new RegisteredReactiveSessionInformation(other,
					Mono.fromRunnable(() -> check.endIds.add(other.id()))));
		}
		return sessions;
	}

	private RegisteredSession register(Session session, LoginCheck check, @Nullable String userAgent,
			@Nullable String address) {
		long version = check.version;
		Collection<String> endIds = check.endIds;
		int keep = check.seen - endIds.size();
		for (int attempt = 0; attempt < AtomicConcurrentSessionControlStrategy.MAX_ATTEMPTS; attempt++) {
			RegisteredSession registered = this.userSessions.register(session, check.principal, userAgent, address,
					version, endIds);
			if (registered != null) {
				return registered;
			}
			PrincipalSessions found = this.userSessions.sessionsOf(check.principal);
			version = found.version();
			List<RegisteredSession> others = others(found, session, check.principal);
			endIds = others.stream()
				.sorted(Comparator.comparing(RegisteredSession::lastSeenAt))
				.limit(Math.max(others.size() - keep, 0))
				.map(RegisteredSession::id)
				.toList();
		}
		throw new SessionAuthenticationException(
				"Other logins of the same user kept changing the user's sessions; try again");
	}

	/**
	 * Return the user's sessions but the one logging in, which does not count against the
	 * limit when it is registered for that user already.
	 */
	private static List<RegisteredSession> others(PrincipalSessions found, Session session, String name) {
		String currentId = name.equals(UserSessions.principalOf(session)) ? UserSessions.idOf(session) : null;
		return found.sessions().stream().filter((other) -> !other.id().equals(currentId)).toList();
	}

	/**
	 * Return a blocking call on the scheduler that resumes on the event loop of the
	 * exchange in the Reactor context, if there is one.
	 */
	private <T> Mono<T> blocking(Callable<@Nullable T> call) {
		return Mono.deferContextual((context) -> context.<ServerWebExchange>getOrEmpty(ServerWebExchange.class)
			.map((exchange) -> new ExchangeEngineCalls(this.scheduler, exchange.getResponse()).call(call))
			.orElseGet(() -> Mono.<T>fromCallable(call).subscribeOn(this.scheduler)));
	}

	private static Mono<ServerWebExchange> exchange() {
		return Mono.deferContextual((context) -> Mono.justOrEmpty(context.getOrEmpty(ServerWebExchange.class)));
	}

	private static Mono<Session> engineSession(ServerWebExchange exchange) {
		// an application that replaced the engine's WebSessionManager has no check
		return ExchangeSession.get(exchange).onErrorResume(IllegalStateException.class, (ex) -> Mono.empty());
	}

	private static @Nullable String userAgent(ServerWebExchange exchange) {
		return exchange.getRequest().getHeaders().getFirst(HttpHeaders.USER_AGENT);
	}

	private static @Nullable String address(ServerWebExchange exchange) {
		InetSocketAddress address = exchange.getRequest().getRemoteAddress();
		return (address != null && address.getAddress() != null) ? address.getAddress().getHostAddress() : null;
	}

	/**
	 * A login's check against its user's sessions.
	 */
	private static final class LoginCheck {

		private final String principal;

		private final long version;

		private final int seen;

		private final Set<String> endIds = ConcurrentHashMap.newKeySet();

		private LoginCheck(String principal, long version, int seen) {
			this.principal = principal;
			this.version = version;
			this.seen = seen;
		}

	}

}
