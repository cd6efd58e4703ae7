package io.sessionengines.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.sessionengines.engine.SessionStoreUnavailableException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

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
			// a later dispatch of the same request: the same session, committed once,
			// by the first pass unless that pass started async processing
			chain.doFilter(previous.redispatch(request), response);
			commit(previous, response);
			return;
		}
		SessionExchange exchange = SessionExchange.open(this.middleware, request, response);
		try {
			chain.doFilter(exchange.getWrappedRequest(), exchange.getWrappedResponse());
		}
		catch (IOException | ServletException | RuntimeException | Error ex) {
			// a session failure that the application caught and replaced comes first
			RuntimeException commitFailure = exchange.getCommitFailure();
			SessionResponseException sessionFailure = findSessionFailure((commitFailure != null) ? commitFailure : ex);
			if (sessionFailure == null || response.isCommitted()) {
				// the application failed: Django's rules for a 500 apply
				if (commitFailure == null) {
					exchange.commit(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
				}
				throw ex;
			}
			respond(sessionFailure, response);
			return;
		}
		if (!request.isAsyncStarted()) {
			commit(exchange, response);
		}
	}

	private static void commit(SessionExchange exchange, HttpServletResponse response) throws IOException {
		try {
			exchange.commit(response.getStatus());
		}
		catch (SessionResponseException ex) {
			respond(ex, response);
		}
		catch (SessionStoreUnavailableException ex) {
			respond(new SessionUnavailableException(ex), response);
		}
	}

	private static @Nullable SessionResponseException findSessionFailure(Throwable ex) {
		for (Throwable candidate = ex; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof SessionResponseException sessionFailure) {
				return sessionFailure;
			}
			if (candidate instanceof SessionStoreUnavailableException storeFailure) {
				return new SessionUnavailableException(storeFailure);
			}
		}
		return null;
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
