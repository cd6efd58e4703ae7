package io.sessionengines.test.autoconfigure;

import java.io.IOException;
import java.util.Collections;
import java.util.List;

import io.sessionengines.web.servlet.RequestSession;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Fails a MockMvc request that carries a {@code MockHttpSession} once the session
 * middleware has handled it: the application saw the engine's session, so the test's
 * session and its attributes were silently ignored, and a test that passes that way
 * proves nothing. A request that the middleware did not handle (a URL it is not mapped
 * to, or MockMvc without filters) uses the {@code MockHttpSession} as usual and passes.
 * <p>
 * Spring Security's test support ({@code @WithMockUser}, {@code user(...)}) saves its
 * security context in a {@code MockHttpSession} of its own, but hands it to the
 * application through a request attribute too, so a session that holds nothing but Spring
 * Security's attributes passes.
 *
 * @author Session Engines contributors
 */
class MockHttpSessionRejectingFilter extends OncePerRequestFilter {

	private static final String SPRING_SECURITY_PREFIX = "SPRING_SECURITY_";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpSession mockSession = request.getSession(false);
		boolean ignoredByApplication = mockSession != null && !holdsOnlySpringSecurityAttributes(mockSession);
		chain.doFilter(request, response);
		if (ignoredByApplication && handledBySessionMiddleware(request)) {
			throw new IllegalStateException("The request carries a MockHttpSession (MockMvc's session(...) or "
					+ "sessionAttr(...)), which the application never sees: the session middleware gives it the "
					+ "session engine's session instead. Send the session's data with "
					+ "SessionRequestPostProcessors.session(...), as in "
					+ "mockMvc.perform(get(\"/\").with(session(Map.of(\"key\", value)))).");
		}
	}

	private static boolean holdsOnlySpringSecurityAttributes(HttpSession session) {
		List<String> names = Collections.list(session.getAttributeNames());
		return !names.isEmpty() && names.stream().allMatch((name) -> name.startsWith(SPRING_SECURITY_PREFIX));
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
