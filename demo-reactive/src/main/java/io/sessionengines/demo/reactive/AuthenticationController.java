package io.sessionengines.demo.reactive;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code POST /api/login} and {@code GET /api/me}: the JSON login of the demo API,
 * through Spring Security's reactive authentication ({@code POST /api/logout} is with the
 * user's sessions, in {@link UserSessionsController}); the session's side of a login and
 * a logout is {@link DjangoLoginSecurityContextRepository}'s.
 *
 * @author Session Engines contributors
 */
@RestController
class AuthenticationController {

	private final ReactiveAuthenticationManager authenticationManager;

	private final ServerSecurityContextRepository securityContextRepository;

	private final @Nullable ServerAuthenticationSuccessHandler concurrentSessionControl;

	AuthenticationController(ReactiveAuthenticationManager authenticationManager,
			ServerSecurityContextRepository securityContextRepository,
			ObjectProvider<ServerAuthenticationSuccessHandler> concurrentSessionControl) {
		this.authenticationManager = authenticationManager;
		this.securityContextRepository = securityContextRepository;
		this.concurrentSessionControl = concurrentSessionControl.getIfAvailable();
	}

	@PostMapping("/api/login")
	Mono<ResponseEntity<Map<String, String>>> login(@RequestBody(required = false) @Nullable Credentials credentials,
			ServerWebExchange exchange) {
		if (credentials == null || credentials.username() == null || credentials.password() == null) {
			return Mono.just(
					ResponseEntity.badRequest().body(Map.of("error", "The body must be {\"username\", \"password\"}")));
		}
		return this.authenticationManager
			.authenticate(
					UsernamePasswordAuthenticationToken.unauthenticated(credentials.username(), credentials.password()))
			.onErrorResume(AuthenticationException.class, (ex) -> Mono.empty())
			.flatMap((authentication) -> this.securityContextRepository
				.save(exchange, new SecurityContextImpl(authentication))
				.then(sessionControl(exchange, authentication))
				.thenReturn(ResponseEntity.ok(Map.of("user", authentication.getName()))))
			.defaultIfEmpty(ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", "Bad credentials")));
	}

	/**
	 * Run the concurrent-session control, when {@code demo.maximum-sessions} asks for
	 * one, as an authentication filter runs its success handlers: after the login's
	 * context is saved.
	 */
	private Mono<Void> sessionControl(ServerWebExchange exchange, Authentication authentication) {
		return (this.concurrentSessionControl != null) ? this.concurrentSessionControl.onAuthenticationSuccess(
				new WebFilterExchange(exchange, (next) -> Mono.empty()), authentication) : Mono.empty();
	}

	@GetMapping("/api/me")
	Mono<ResponseEntity<Map<String, String>>> me() {
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.filter(Authentication::isAuthenticated)
			.map((authentication) -> ResponseEntity.ok(Map.of("user", authentication.getName())))
			.defaultIfEmpty(ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", "Not logged in")));
	}

	record Credentials(@Nullable String username, @Nullable String password) {

	}

}
