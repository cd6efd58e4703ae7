package io.sessionengines.web.servlet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.sessionengines.web.SessionMiddleware;
import io.sessionengines.web.SessionResponseException;
import io.sessionengines.web.SessionUnavailableException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Binds a session to each request and commits it with the response, as Django's
 * {@code SessionMiddleware}.
 * <p>
 * The session is committed once: when the application commits the response early (flush,
 * large body, redirect, error), or else when the request completes. An exception from the
 * application counts as a {@code 500}: the session is not saved. A session failure that
 * decides the response ({@link SessionResponseException}) gives that response with a
 * plain-text message, even when the application caught the failure; for example a
 * {@code signed_cookies} session too large for a cookie answers {@code 500} with a
 * message that names the cookie's size and the limit, and logs it as a warning.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public class SessionMiddlewareFilter extends OncePerRequestFilter {

	/**
	 * The default order: before any filter that reads the session, Spring Security's
	 * included.
	 */
	public static final int DEFAULT_ORDER = Integer.MIN_VALUE + 50;

	private static final Log logger = LogFactory.getLog(SessionMiddlewareFilter.class);

	private final SessionMiddleware middleware;

	/**
	 * Create the filter.
	 * @param middleware the session middleware
	 */
	public SessionMiddlewareFilter(SessionMiddleware middleware) {
		Assert.notNull(middleware, "'middleware' must not be null");
		this.middleware = middleware;
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		// an async request is committed when its async dispatch completes
		return false;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		// the error page must see the request's session, or a logged-in user who opens a
		// missing page is sent to the login page and the container creates a JSESSIONID
		return false;
	}

	@Override
	protected void doFilterNestedErrorDispatch(HttpServletRequest request, HttpServletResponse response,
			FilterChain chain) throws ServletException, IOException {
		doFilterInternal(request, response, chain);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		SessionExchange previous = SessionExchange.find(request);
		if (previous != null && request.getDispatcherType() != DispatcherType.ASYNC) {
			redispatch(previous, request, response, chain);
			return;
		}
		SessionExchange exchange = SessionExchange.open(this.middleware, request, response);
		if (proceed(exchange, response, chain) && !request.isAsyncStarted()) {
			commit(exchange, response);
		}
	}

	/**
	 * Pass the request on with its session.
	 * @return whether the application completed; when it failed, the failure was answered
	 * or is thrown again
	 */
	private static boolean proceed(SessionExchange exchange, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(exchange.getWrappedRequest(), exchange.getWrappedResponse());
			return true;
		}
		catch (IOException | ServletException | RuntimeException | Error ex) {
			if (!respondToSessionFailure(exchange, response, ex)) {
				throw ex;
			}
			return false;
		}
	}

	/**
	 * A later dispatch of the same request: the same session, committed once, by the
	 * first pass unless that pass started async processing.
	 */
	private static void redispatch(SessionExchange exchange, HttpServletRequest request, HttpServletResponse response,
			FilterChain chain) throws ServletException, IOException {
		chain.doFilter(exchange.redispatch(request), response);
		commit(exchange, response);
	}

	/**
	 * Answer a request that failed because of its session with that failure, even when
	 * the application caught it and failed with another exception; otherwise the
	 * application failed, and Django's rules for a 500 apply to the session.
	 * @return whether the response was written
	 */
	private static boolean respondToSessionFailure(SessionExchange exchange, HttpServletResponse response, Throwable ex)
			throws IOException {
		RuntimeException commitFailure = exchange.getBoundSession().getFailure();
		SessionResponseException sessionFailure = SessionResponseException
			.find((commitFailure != null) ? commitFailure : ex);
		if (sessionFailure == null || response.isCommitted()) {
			if (commitFailure == null) {
				exchange.commit(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
			}
			return false;
		}
		respond(sessionFailure, response);
		return true;
	}

	private static void commit(SessionExchange exchange, HttpServletResponse response) throws IOException {
		try {
			exchange.commit(response.getStatus());
		}
		catch (RuntimeException ex) {
			SessionResponseException sessionFailure = SessionResponseException.find(ex);
			if (sessionFailure == null) {
				throw ex;
			}
			respond(sessionFailure, response);
		}
	}

	private static void respond(SessionResponseException failure, HttpServletResponse response) throws IOException {
		Throwable cause = failure.getCause();
		if (failure instanceof SessionUnavailableException && cause != null) {
			logger.error(failure.getMessage() + " " + cause.getMessage());
		}
		else {
			logger.warn(failure.getMessage());
		}
		response.reset();
		response.setStatus(failure.getStatus());
		response.setContentType("text/plain;charset=UTF-8");
		response.getOutputStream().write(failure.getMessage().getBytes(StandardCharsets.UTF_8));
	}

}
