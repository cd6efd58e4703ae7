package io.sessionengines.web.servlet;

import io.sessionengines.session.Session;
import io.sessionengines.web.BoundSession;
import io.sessionengines.web.RequestedKey;
import io.sessionengines.web.SessionClient;
import io.sessionengines.web.SessionMiddleware;
import io.sessionengines.web.SessionRegistrar;
import io.sessionengines.web.SessionResponse;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * A servlet request's {@link BoundSession}, with the request and response wrappers that
 * give the application its session and commit the session before the response commits. It
 * is kept as a request attribute, so that a later dispatch of the same request (async, or
 * the container's error page) finds the same session again.
 *
 * @author Session Engines contributors
 */
final class SessionExchange implements SessionClient {

	private static final String ATTRIBUTE = SessionExchange.class.getName();

	private final BoundSession bound;

	private final HttpServletRequest request;

	private final HttpServletResponse response;

	private final SessionRequestWrapper wrappedRequest;

	private final CommitAwareResponseWrapper wrappedResponse;

	private SessionExchange(SessionMiddleware middleware, HttpServletRequest request, HttpServletResponse response) {
		String headerName = middleware.getHeaderName();
		RequestedKey requestedKey = middleware.requestedKey((headerName != null) ? request.getHeader(headerName) : null,
				ServletSessionHeaders.readCookie(request, middleware.getCookie().name()));
		this.bound = middleware.open(requestedKey);
		this.request = request;
		this.response = response;
		this.wrappedRequest = new SessionRequestWrapper(request, this.bound.getSession(), middleware.getFactory(),
				requestedKey, middleware.getLoginAttribute());
		this.wrappedResponse = new CommitAwareResponseWrapper(response, this::commit);
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

	BoundSession getBoundSession() {
		return this.bound;
	}

	Session getSession() {
		return this.bound.getSession();
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
	 * already, and write what the response carries of it.
	 * @param status the response status
	 */
	void commit(int status) {
		SessionResponse decision = this.bound.commit(status, this);
		if (decision != null) {
			ServletSessionHeaders.write(decision, this.response);
		}
	}

	@Override
	public @Nullable String userAgent() {
		return this.request.getHeader(HttpHeaders.USER_AGENT);
	}

	@Override
	public @Nullable String address() {
		return this.request.getRemoteAddr();
	}

	@Override
	public boolean registeredDuringRequest() {
		return this.request.getAttribute(SessionRegistrar.REGISTERED_ATTRIBUTE) != null;
	}

}
