package io.sessionengines.demo.reactive;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.WebSessionServerCsrfTokenRepository;
import org.springframework.web.server.ServerWebExchange;

/**
 * Keeps the CSRF token in the session, as Django does with {@code CSRF_USE_SESSIONS}:
 * tokens are made and read by a {@link WebSessionServerCsrfTokenRepository}, but stored
 * without changing the session's key. That repository moves the session to a new key at
 * every save, which would store a session a second time at its first login page and, at a
 * logout, store the session just flushed again, empty, under a new key.
 *
 * @author Session Engines contributors
 */
class SessionCsrfTokenRepository implements ServerCsrfTokenRepository {

	/**
	 * The session attribute that holds the token: Spring Security's, so that the demo API
	 * refuses to write it as it refuses every key of Spring Security's.
	 */
	static final String ATTRIBUTE = WebSessionServerCsrfTokenRepository.class.getName() + ".CSRF_TOKEN";

	private final WebSessionServerCsrfTokenRepository tokens = new WebSessionServerCsrfTokenRepository();

	SessionCsrfTokenRepository() {
		this.tokens.setSessionAttributeName(ATTRIBUTE);
	}

	@Override
	public Mono<CsrfToken> generateToken(ServerWebExchange exchange) {
		return this.tokens.generateToken(exchange);
	}

	@Override
	public Mono<Void> saveToken(ServerWebExchange exchange, @Nullable CsrfToken token) {
		return exchange.getSession().doOnNext((session) -> {
			if (token != null) {
				session.getAttributes().put(ATTRIBUTE, token);
			}
			else {
				session.getAttributes().remove(ATTRIBUTE);
			}
		}).then();
	}

	@Override
	public Mono<CsrfToken> loadToken(ServerWebExchange exchange) {
		return this.tokens.loadToken(exchange);
	}

}
