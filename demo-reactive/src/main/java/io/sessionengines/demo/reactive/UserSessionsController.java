package io.sessionengines.demo.reactive;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.sessionengines.registry.UserSessions;
import io.sessionengines.session.Session;
import io.sessionengines.web.reactive.ExchangeEngineCalls;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * A logged-in user's sessions: {@code GET /api/sessions}, {@code DELETE
 * /api/sessions/{id}}, {@code POST /api/sessions/revoke-others} and
 * {@code POST /api/logout?everywhere=true}, on the registry of each user's sessions, as
 * the servlet demo answers them. The registry's calls block, so they run on Reactor's
 * scheduler for blocking work, never on an event-loop thread.
 *
 * @author Session Engines contributors
 */
@RestController
class UserSessionsController {

	private final UserSessions userSessions;

	private final ServerSecurityContextRepository securityContextRepository;

	UserSessionsController(UserSessions userSessions, ServerSecurityContextRepository securityContextRepository) {
		this.userSessions = userSessions;
		this.securityContextRepository = securityContextRepository;
	}

	@GetMapping("/api/sessions")
	Mono<ResponseEntity<Object>> list(Session session, ServerWebExchange exchange) {
		return currentUser().flatMap((user) -> {
			String currentId = user.equals(UserSessions.principalOf(session)) ? UserSessions.idOf(session) : null;
			return blocking(exchange, () -> this.userSessions.list(user))
				.map((sessions) -> ResponseEntity.<Object>ok(sessions.stream()
					.map((registered) -> new SessionView(registered.id(), registered.id().equals(currentId),
							registered.createdAt(), registered.lastSeenAt(), registered.userAgent(), registered.ip()))
					.toList()));
		}).defaultIfEmpty(notLoggedIn());
	}

	@DeleteMapping("/api/sessions/{id}")
	Mono<ResponseEntity<Object>> end(@PathVariable String id, ServerWebExchange exchange) {
		return currentUser().flatMap((user) -> blocking(exchange, () -> this.userSessions.end(user, id)))
			.map((ended) -> ended ? ResponseEntity.noContent().<Object>build()
					: ResponseEntity.status(HttpStatus.NOT_FOUND).<Object>body(Map.of("error", "No such session")))
			.defaultIfEmpty(notLoggedIn());
	}

	@PostMapping("/api/sessions/revoke-others")
	Mono<ResponseEntity<Object>> endOthers(Session session, ServerWebExchange exchange) {
		return currentUser().flatMap((user) -> blocking(exchange, () -> this.userSessions.endOthers(user, session)))
			.map((revoked) -> ResponseEntity.<Object>ok(Map.of("revoked", revoked)))
			.defaultIfEmpty(notLoggedIn());
	}

	/**
	 * {@code POST /api/logout}: logs out, which flushes the session; with
	 * {@code everywhere=true}, ends every session of the user too.
	 * @param everywhere whether to end every session of the user
	 * @param exchange the exchange
	 * @return {@code 204 No Content}
	 */
	@PostMapping("/api/logout")
	Mono<ResponseEntity<Void>> logout(@RequestParam(defaultValue = "false") boolean everywhere,
			ServerWebExchange exchange) {
		// the user is read before the logout flushes the session that holds the login
		return currentUser().map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((user) -> this.securityContextRepository.save(exchange, null)
				.then((everywhere && user.isPresent())
						? blocking(exchange, () -> this.userSessions.endAll(user.get())).then() : Mono.empty()))
			.thenReturn(ResponseEntity.noContent().build());
	}

	private static Mono<String> currentUser() {
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.filter((authentication) -> authentication.isAuthenticated()
					&& !(authentication instanceof AnonymousAuthenticationToken))
			.map(Authentication::getName);
	}

	/**
	 * Return a registry call, which blocks: on the bounded elastic scheduler, then back
	 * on the exchange's event loop.
	 */
	private static <T> Mono<T> blocking(ServerWebExchange exchange, Callable<@Nullable T> call) {
		return new ExchangeEngineCalls(Schedulers.boundedElastic(), exchange.getResponse()).call(call);
	}

	private static ResponseEntity<Object> notLoggedIn() {
		return ResponseEntity.status(HttpStatus.UNAUTHORIZED).<Object>body(Map.of("error", "Not logged in"));
	}

	record SessionView(String id, boolean current, Instant createdAt, Instant lastSeenAt, @Nullable String userAgent,
			@Nullable String ip) {

	}

}
