package io.sessionengines.web;

import java.time.Instant;

import io.sessionengines.session.Session;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * One request's session and how it is committed: the session, whether the request carried
 * a session cookie, and the response wrapper that commits the session before the response
 * commits. It is kept as a request attribute, so that a later dispatch of the same
 * request (async, or the container's error page) finds the same session again.
 *
 * @author Session Engines contributors
 */
final class SessionExchange {

	private static final String ATTRIBUTE = SessionExchange.class.getName();

	private final SessionMiddleware middleware;

	private final Session session;

	private final boolean requestHadCookie;

	private final HttpServletRequest request;

	private final HttpServletResponse response;

	private final SessionRequestWrapper wrappedRequest;

	private final CommitAwareResponseWrapper wrappedResponse;

	private SessionExchange(SessionMiddleware middleware, HttpServletRequest request, HttpServletResponse response) {
		String cookieValue = middleware.getCookie().read(request);
		String requestedKey = middleware.readKey(request, cookieValue);
		this.middleware = middleware;
		this.session = middleware.open(requestedKey);
		this.requestHadCookie = requestedKey != null;
		this.request = request;
		this.response = response;
		this.wrappedRequest = new SessionRequestWrapper(request, this.session, middleware.getFactory(), requestedKey,
				cookieValue, middleware.getLoginAttribute());
		this.wrappedResponse = new CommitAwareResponseWrapper(response, this::processResponse);
	}

	/**
	 * Return the request's exchange, opening it on the request's first pass through the
	 * session middleware.
	 * @param middleware the session middleware
	 * @param request the request
	 * @param response the response
	 * @return the exchange
	 */
	static SessionExchange open(SessionMiddleware middleware, HttpServletRequest request,
			HttpServletResponse response) {
		SessionExchange exchange = find(request);
		if (exchange == null) {
			exchange = new SessionExchange(middleware, request, response);
			request.setAttribute(ATTRIBUTE, exchange);
		}
		return exchange;
	}

	/**
	 * Return the request's exchange.
	 * @param request the request
	 * @return the exchange, or {@code null} when the session middleware has not seen the
	 * request
	 */
	static @Nullable SessionExchange find(ServletRequest request) {
		return (request.getAttribute(ATTRIBUTE) instanceof SessionExchange exchange) ? exchange : null;
	}

	Session getSession() {
		return this.session;
	}

	/**
	 * Return the current time, from the clock of the session factory's expiry rules: the
	 * one clock the sessions' times come from.
	 * @return the current time
	 */
	Instant now() {
		return this.middleware.getFactory().getExpiry().now();
	}

	HttpServletRequest getWrappedRequest() {
		return this.wrappedRequest;
	}

	/**
	 * Return the request to pass on for a later dispatch of this request that the
	 * container starts with a request object of its own, such as its error page: that
	 * request, with this exchange's session.
	 * @param request the container's request for the dispatch
	 * @return the wrapped request
	 */
	HttpServletRequest redispatch(HttpServletRequest request) {
		return this.wrappedRequest.redispatch(request);
	}

	HttpServletResponse getWrappedResponse() {
		return this.wrappedResponse;
	}

	/**
	 * Commit the session for a response with the given status, unless it was committed
	 * already.
	 * @param status the response status
	 */
	void commit(int status) {
		this.wrappedResponse.beforeCommit(status);
	}

	/**
	 * Return how committing the session failed, if it did, even if the application caught
	 * the failure.
	 * @return the failure, or {@code null}
	 */
	@Nullable RuntimeException getCommitFailure() {
		return this.wrappedResponse.getFailure();
	}

	private void processResponse(int status) {
		this.middleware.processResponse(this.session, this.requestHadCookie, status, this.request, this.response);
	}

}
