package io.sessionengines.web.reactive;

import io.sessionengines.web.SessionMiddleware;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Opens the session of every exchange whose request carries a session key when every
 * session is saved on every request ({@code session.save-every-request}, Django's
 * {@code SESSION_SAVE_EVERY_REQUEST}). Django's middleware then saves a live session even
 * when the view never used it, and deletes the cookie of a key that names no session;
 * WebFlux opens a session only when the application asks for it, so without this filter
 * such an exchange would neither save nor delete anything. Without the setting, or
 * without a key, the filter does nothing.
 *
 * @author Session Engines contributors
 * @since 0.4.0
 */
public class SaveEveryRequestWebFilter implements WebFilter, Ordered {

	private final SessionMiddleware middleware;

	/**
	 * Create the filter.
	 * @param middleware the session middleware
	 */
	public SaveEveryRequestWebFilter(SessionMiddleware middleware) {
		Assert.notNull(middleware, "'middleware' must not be null");
		this.middleware = middleware;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!this.middleware.isSaveEveryRequest()
				|| EngineWebSessionManager.requestedKey(this.middleware, exchange.getRequest()) == null) {
			return chain.filter(exchange);
		}
		return exchange.getSession().then(chain.filter(exchange));
	}

	/**
	 * Return the highest precedence: the session is open before any other filter can
	 * answer the exchange.
	 */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
