package io.sessionengines.demo.reactive;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRepository;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;

/**
 * Keeps the security context in the session, where a
 * {@link WebSessionServerSecurityContextRepository} reads it, with Django's rules for the
 * session at a login and a logout, for the JSON login and the form login alike. A login
 * keeps the session's data under a new key (session-fixation protection, Django's
 * {@code cycle_key}) and drops the CSRF token, as Django's {@code login} rotates it;
 * logging in as another user than the one the session belongs to starts from an empty
 * session instead (Django's {@code flush}), so one user's data never reaches another. A
 * logout (saving no context) flushes the session, as Django's {@code logout} does.
 * <p>
 * Unlike Django, a login as the same user changes the key too.
 *
 * @author Session Engines contributors
 */
class DjangoLoginSecurityContextRepository implements ServerSecurityContextRepository {

	private static final String ATTRIBUTE = WebSessionServerSecurityContextRepository.DEFAULT_SPRING_SECURITY_CONTEXT_ATTR_NAME;

	private final WebSessionServerSecurityContextRepository contexts = new WebSessionServerSecurityContextRepository();

	private final ServerCsrfTokenRepository csrfTokens;

	DjangoLoginSecurityContextRepository(ServerCsrfTokenRepository csrfTokens) {
		this.csrfTokens = csrfTokens;
	}

	@Override
	public Mono<Void> save(ServerWebExchange exchange, @Nullable SecurityContext context) {
		Authentication authentication = (context != null) ? context.getAuthentication() : null;
		if (context == null || authentication == null) {
			return exchange.getSession().flatMap(WebSession::invalidate);
		}
		return exchange.getSession()
			.flatMap((session) -> startLogin(session, authentication.getName())
				.then(this.csrfTokens.saveToken(exchange, null))
				.then(Mono.fromRunnable(() -> session.getAttributes().put(ATTRIBUTE, context))));
	}

	/**
	 * Flush a session that belongs to another user, else move it to a new key; a session
	 * that holds nothing has no key to protect, and gets one when it is saved.
	 */
	private Mono<Void> startLogin(WebSession session, String user) {
		if (session.getAttribute(ATTRIBUTE) instanceof SecurityContext current && current.getAuthentication() != null
				&& !current.getAuthentication().getName().equals(user)) {
			return session.invalidate();
		}
		return session.isStarted() ? session.changeSessionId() : Mono.empty();
	}

	@Override
	public Mono<SecurityContext> load(ServerWebExchange exchange) {
		return this.contexts.load(exchange);
	}

}
