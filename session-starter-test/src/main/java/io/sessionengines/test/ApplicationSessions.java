package io.sessionengines.test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sessionengines.session.Session;
import io.sessionengines.session.SessionFactory;
import io.sessionengines.web.SessionMiddleware;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * The sessions of the application a MockMvc request goes to: its session factory, which
 * opens them on its engine, and the name of its session cookie.
 *
 * @author Session Engines contributors
 */
final class ApplicationSessions {

	private final SessionFactory factory;

	private final String cookieName;

	private ApplicationSessions(SessionFactory factory, String cookieName) {
		this.factory = factory;
		this.cookieName = cookieName;
	}

	/**
	 * Return the sessions of the application that MockMvc set up in the servlet context.
	 * @param servletContext the servlet context of a MockMvc request
	 * @return the application's sessions
	 * @throws IllegalStateException if the context is no web application context or has
	 * no session middleware
	 */
	static ApplicationSessions of(ServletContext servletContext) {
		WebApplicationContext context = WebApplicationContextUtils.getWebApplicationContext(servletContext);
		if (context == null) {
			throw new IllegalStateException("The request has no web application context: build MockMvc with "
					+ "MockMvcBuilders.webAppContextSetup(context), or let @AutoConfigureMockMvc or @WebMvcTest do it");
		}
		if (context.getBeanNamesForType(SessionMiddleware.class).length == 0) {
			throw new IllegalStateException("The application context has no session middleware: is the session "
					+ "starter on the classpath, and the test a @SpringBootTest or a @WebMvcTest with "
					+ "session-starter-test on its classpath?");
		}
		return new ApplicationSessions(context.getBean(SessionFactory.class),
				context.getBean(SessionMiddleware.class).getCookie().name());
	}

	SessionFactory getFactory() {
		return this.factory;
	}

	String getCookieName() {
		return this.cookieName;
	}

	/**
	 * Return the value of the session cookie a request carries; the last one wins, as in
	 * the session middleware.
	 * @param request the request
	 * @return the value, or {@code null} when the request carries no session cookie
	 */
	@Nullable String requestKey(HttpServletRequest request) {
		String value = null;
		Cookie[] cookies = request.getCookies();
		if (cookies != null) {
			for (Cookie cookie : cookies) {
				if (this.cookieName.equals(cookie.getName())) {
					value = cookie.getValue();
				}
			}
		}
		return value;
	}

	/**
	 * Return the session cookie a response sets: the value of its last {@code Set-Cookie}
	 * header for the session cookie.
	 * @param response the response
	 * @return the value, empty for a cookie that the response deletes, or {@code null}
	 * when the response sets no session cookie
	 */
	@Nullable String responseCookie(MockHttpServletResponse response) {
		String prefix = this.cookieName + "=";
		String value = null;
		List<String> headers = response.getHeaders(HttpHeaders.SET_COOKIE);
		for (String header : headers) {
			if (header.startsWith(prefix)) {
				int end = header.indexOf(';');
				value = header.substring(prefix.length(), (end != -1) ? end : header.length());
			}
		}
		return value;
	}

	/**
	 * Return the data of a live session.
	 * @param key the session key
	 * @return a copy of the data, or {@code null} when the key names no live session
	 */
	@Nullable Map<String, @Nullable Object> load(String key) {
		Session session = this.factory.open(key);
		Map<String, @Nullable Object> data = new LinkedHashMap<>(session.items());
		return (session.getSessionKey() != null) ? data : null;
	}

	/**
	 * Store a new session.
	 * @param data the session data
	 * @return the new session's key, the value of its cookie
	 */
	String create(Map<String, ?> data) {
		Session session = open();
		session.update(data);
		return save(session);
	}

	/**
	 * Save a session opened by {@link #open()}.
	 * @param session the session
	 * @return the session's key, the value of its cookie
	 */
	String save(Session session) {
		session.save();
		String key = session.getSessionKey();
		if (key == null) {
			throw new IllegalStateException("The session was not saved: it was flushed");
		}
		return key;
	}

	/**
	 * Open a new, empty session.
	 * @return the session
	 */
	Session open() {
		return this.factory.open(null);
	}

}
