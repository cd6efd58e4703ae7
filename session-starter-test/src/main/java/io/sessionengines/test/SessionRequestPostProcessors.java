package io.sessionengines.test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import io.sessionengines.session.Session;
import jakarta.servlet.http.Cookie;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.util.Assert;

/**
 * MockMvc {@link RequestPostProcessor}s that send a request with a session: the session
 * is stored in the application's own session engine, through its session factory, and the
 * request carries its cookie, as a browser's would.
 * <p>
 * MockMvc's own {@code session(MockHttpSession)} and {@code sessionAttr(...)} cannot do
 * this: the session middleware gives the application the engine's session, never the
 * request's {@code MockHttpSession}.
 *
 * <pre class="code">
 * mockMvc.perform(get("/cart").with(session(Map.of("cart", List.of(42)))))
 *     .andExpect(status().isOk());
 * </pre>
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public final class SessionRequestPostProcessors {

	private SessionRequestPostProcessors() {
	}

	/**
	 * Send the request with a new session that holds the given data.
	 * @param data the session data
	 * @return the post-processor
	 */
	public static RequestPostProcessor session(Map<String, ?> data) {
		Assert.notNull(data, "'data' must not be null");
		return withCookie((sessions) -> sessions.create(data));
	}

	/**
	 * Send the request with a new session that the given callback sets up, for data and
	 * settings beyond plain values, such as an expiry.
	 * @param setUp sets up the new, empty session; it is saved afterwards
	 * @return the post-processor
	 */
	public static RequestPostProcessor session(Consumer<Session> setUp) {
		Assert.notNull(setUp, "'setUp' must not be null");
		return withCookie((sessions) -> {
			Session session = sessions.open();
			setUp.accept(session);
			return sessions.save(session);
		});
	}

	/**
	 * Send the request with the session that an earlier request left: the cookie its
	 * response set, or else the one it carried, as a browser would on its next request. A
	 * session that the earlier response deleted is sent as no session.
	 * @param previous the earlier request's result
	 * @return the post-processor
	 */
	public static RequestPostProcessor sessionOf(MvcResult previous) {
		Assert.notNull(previous, "'previous' must not be null");
		return (request) -> {
			ApplicationSessions sessions = ApplicationSessions.of(request.getServletContext());
			String key = SessionAfterRequest.of(previous).getKey();
			return (key != null) ? setCookie(request, sessions.getCookieName(), key) : request;
		};
	}

	private static RequestPostProcessor withCookie(Function<ApplicationSessions, String> createSession) {
		return (request) -> {
			ApplicationSessions sessions = ApplicationSessions.of(request.getServletContext());
			return setCookie(request, sessions.getCookieName(), createSession.apply(sessions));
		};
	}

	private static MockHttpServletRequest setCookie(MockHttpServletRequest request, String name, String value) {
		List<Cookie> cookies = new ArrayList<>();
		if (request.getCookies() != null) {
			Arrays.stream(request.getCookies())
				.filter((cookie) -> !name.equals(cookie.getName()))
				.forEach(cookies::add);
		}
		cookies.add(new Cookie(name, value));
		request.setCookies(cookies.toArray(Cookie[]::new));
		return request;
	}

}
