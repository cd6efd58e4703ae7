package io.sessionengines.test;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The session a MockMvc request left, as the browser's next request would send it: the
 * cookie its response set, or else the one the request carried.
 *
 * @author Session Engines contributors
 */
final class SessionAfterRequest {

	private final ApplicationSessions sessions;

	private final @Nullable String requestKey;

	private final @Nullable String responseCookie;

	private final int status;

	private SessionAfterRequest(ApplicationSessions sessions, @Nullable String requestKey,
			@Nullable String responseCookie, int status) {
		this.sessions = sessions;
		this.requestKey = requestKey;
		this.responseCookie = responseCookie;
		this.status = status;
	}

	static SessionAfterRequest of(MvcResult result) {
		ApplicationSessions sessions = ApplicationSessions.of(result.getRequest().getServletContext());
		MockHttpServletResponse response = result.getResponse();
		return new SessionAfterRequest(sessions, sessions.requestKey(result.getRequest()),
				sessions.responseCookie(response), response.getStatus());
	}

	ApplicationSessions getSessions() {
		return this.sessions;
	}

	String getCookieName() {
		return this.sessions.getCookieName();
	}

	/**
	 * Return the session key the request carried.
	 * @return the key, or {@code null}
	 */
	@Nullable String getRequestKey() {
		return this.requestKey;
	}

	/**
	 * Return the session cookie the response set.
	 * @return the value, empty when the response deletes the cookie, or {@code null} when
	 * it sets none
	 */
	@Nullable String getResponseCookie() {
		return this.responseCookie;
	}

	boolean isCookieDeleted() {
		return this.responseCookie != null && this.responseCookie.isEmpty();
	}

	int getStatus() {
		return this.status;
	}

	/**
	 * Return the key the next request would carry.
	 * @return the key, or {@code null} when there is none
	 */
	@Nullable String getKey() {
		if (this.responseCookie != null) {
			return this.responseCookie.isEmpty() ? null : this.responseCookie;
		}
		return this.requestKey;
	}

	/**
	 * Return the data of the session the next request would open.
	 * @return the data, or {@code null} when there is no live session
	 */
	@Nullable Map<String, @Nullable Object> getData() {
		String key = getKey();
		return (key != null) ? this.sessions.load(key) : null;
	}

	/**
	 * Return whether a key still names a live session in the engine; a key that is the
	 * session itself (a signed cookie) always does until it expires.
	 * @param key the key
	 * @return whether the key names a live session
	 */
	boolean isLive(String key) {
		return this.sessions.load(key) != null;
	}

	boolean isKeyPayload() {
		return this.sessions.getFactory().getEngine().isKeyPayload();
	}

}
