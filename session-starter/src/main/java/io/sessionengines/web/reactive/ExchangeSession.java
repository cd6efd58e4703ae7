package io.sessionengines.web.reactive;

import io.sessionengines.session.Session;
import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * Access to an exchange's session from code that is not a controller (controllers can
 * declare a {@link Session} parameter instead).
 * <p>
 * The session's data is read when it is given out. Its operations then touch no store,
 * except {@link Session#flush()} and {@link Session#cycleKey()}, which delete and create
 * stored sessions: call them on a scheduler for blocking work, or use
 * {@code WebSession.invalidate()} and {@code changeSessionId()}, which do.
 *
 * @author Session Engines contributors
 * @since 0.4.0
 */
public final class ExchangeSession {

	/**
	 * The exchange attribute that holds the exchange's engine session once it is open, so
	 * that it is found when a filter (Spring Security's concurrent-session control does)
	 * hands the application its own wrapper of the session.
	 */
	static final String ATTRIBUTE = ExchangeSession.class.getName() + ".SESSION";

	private ExchangeSession() {
	}

	/**
	 * Return the exchange's session.
	 * @param exchange the exchange
	 * @return the session; an {@link IllegalStateException} when the application's
	 * {@code WebSessionManager} is not the {@link EngineWebSessionManager}
	 */
	public static Mono<Session> get(ServerWebExchange exchange) {
		return exchange.getSession().handle((webSession, sink) -> {
			if (webSession instanceof EngineWebSession engineSession) {
				sink.next(engineSession.getSession());
			}
			else if (exchange.getAttribute(ATTRIBUTE) instanceof EngineWebSession engineSession) {
				sink.next(engineSession.getSession());
			}
			else {
				sink.error(new IllegalStateException("This exchange's session is a " + webSession.getClass().getName()
						+ ", not an engine session: the application's " + "WebSessionManager is not the "
						+ EngineWebSessionManager.class.getSimpleName()));
			}
		});
	}

}
