package io.sessionengines.web.servlet;

import io.sessionengines.session.Session;
import jakarta.servlet.ServletRequest;

/**
 * Access to a request's session from code that is not a controller (controllers can
 * declare a {@link Session} parameter instead).
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public final class RequestSession {

	private RequestSession() {
	}

	/**
	 * Return the request's session.
	 * @param request the request
	 * @return the session
	 * @throws IllegalStateException if the request did not pass through the
	 * {@link SessionMiddlewareFilter}
	 */
	public static Session get(ServletRequest request) {
		SessionExchange exchange = SessionExchange.find(request);
		if (exchange == null) {
			throw new IllegalStateException("This request has no session: it did not pass through the "
					+ SessionMiddlewareFilter.class.getSimpleName() + ". Is the filter registered for this URL?");
		}
		return exchange.getSession();
	}

}
