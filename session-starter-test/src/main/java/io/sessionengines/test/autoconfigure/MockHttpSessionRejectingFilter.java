package io.sessionengines.test.autoconfigure;

import java.io.IOException;

import io.sessionengines.web.RequestSession;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Fails a MockMvc request that carries a {@code MockHttpSession} once the session
 * middleware has handled it: the application saw the engine's session, so the test's
 * session attributes were silently ignored, and a test that passes that way proves
 * nothing. A request that the middleware did not handle (a URL it is not mapped to, or
 * MockMvc without filters) uses the {@code MockHttpSession} as usual and passes.
 *
 * @author Session Engines contributors
 */
class MockHttpSessionRejectingFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpSession mockSession = request.getSession(false);
		chain.doFilter(request, response);
		if (mockSession != null && handledBySessionMiddleware(request)) {
			throw new IllegalStateException("The request carries a MockHttpSession (MockMvc's session(...) or "
					+ "sessionAttr(...)), which the application never sees: the session middleware gives it the "
					+ "session engine's session instead. Send the session's data with "
					+ "SessionRequestPostProcessors.session(...), as in "
					+ "mockMvc.perform(get(\"/\").with(session(Map.of(\"key\", value)))).");
		}
	}

	private static boolean handledBySessionMiddleware(HttpServletRequest request) {
		try {
			RequestSession.get(request);
			return true;
		}
		catch (IllegalStateException ex) {
			return false;
		}
	}

}
