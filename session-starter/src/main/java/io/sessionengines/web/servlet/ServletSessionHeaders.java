package io.sessionengines.web.servlet;

import java.util.Map;

import io.sessionengines.web.SessionCookie;
import io.sessionengines.web.SessionResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * The session's cookie and headers on a servlet request and response: reading the cookie,
 * and writing what the session middleware decided.
 *
 * @author Session Engines contributors
 */
final class ServletSessionHeaders {

	private ServletSessionHeaders() {
	}

	/**
	 * Return the value of a request's cookie; when the cookie appears more than once the
	 * last one wins, as in Django.
	 * @param request the request
	 * @param name the cookie name
	 * @return the value, or {@code null} when the request has no such cookie
	 */
	static @Nullable String readCookie(HttpServletRequest request, String name) {
		Cookie[] cookies = request.getCookies();
		String value = null;
		if (cookies != null) {
			for (Cookie cookie : cookies) {
				if (name.equals(cookie.getName())) {
					value = cookie.getValue();
				}
			}
		}
		return value;
	}

	/**
	 * Write what the session middleware decided to a response that is not yet committed.
	 * @param decision the decision
	 * @param response the response
	 */
	static void write(SessionResponse decision, HttpServletResponse response) {
		if (decision.setCookie() != null) {
			response.addHeader(HttpHeaders.SET_COOKIE, decision.setCookie());
		}
		for (String header : decision.vary()) {
			vary(response, header);
		}
		for (Map.Entry<String, String> header : decision.headers().entrySet()) {
			response.setHeader(header.getKey(), header.getValue());
		}
	}

	/**
	 * Set a cookie and vary the response on cookies.
	 * @param response the response
	 * @param setCookie the {@code Set-Cookie} header
	 */
	static void setCookie(HttpServletResponse response, String setCookie) {
		response.addHeader(HttpHeaders.SET_COOKIE, setCookie);
		vary(response, HttpHeaders.COOKIE);
	}

	/**
	 * Add a request header to the response's {@code Vary} header, keeping what is there
	 * and never adding it twice.
	 * @param response the response
	 * @param header the request header the response depends on
	 */
	static void vary(HttpServletResponse response, String header) {
		if (!response.containsHeader(HttpHeaders.VARY)) {
			response.setHeader(HttpHeaders.VARY, header);
			return;
		}
		String vary = SessionCookie.varyWith(response.getHeaders(HttpHeaders.VARY), header);
		if (vary != null) {
			response.setHeader(HttpHeaders.VARY, vary);
		}
	}

}
