package io.sessionengines.web.servlet;

import io.sessionengines.session.Session;
import io.sessionengines.session.SessionFactory;
import io.sessionengines.web.RequestedKey;
import io.sessionengines.web.SessionLoginAttribute;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

/**
 * A request whose {@link HttpSession} is the engine-backed session: the servlet container
 * never creates its own session (no {@code JSESSIONID}).
 * <p>
 * As in Django, asking for a session creates nothing: {@code getSession()} returns a
 * session that is stored only once something is put in it.
 * <p>
 * Nor does asking for it read the store. A request that carries a session key has a
 * session as far as can be told without a store round trip, so {@code getSession(false)}
 * returns it unread; its data, read when first used, may turn out to be empty because the
 * key names no live session. Its id is the key the request carried until then. Spring
 * MVC's request-handled event, which asks for the session id after every request, so
 * costs nothing. Only {@link #isRequestedSessionIdValid()} reads the store by itself: no
 * one but the store knows whether a key is live.
 *
 * @author Session Engines contributors
 */
final class SessionRequestWrapper extends HttpServletRequestWrapper {

	private final Session session;

	private final SessionFactory factory;

	private final @Nullable RequestedKey requestedKey;

	private final @Nullable String requestedSessionId;

	private final @Nullable SessionLoginAttribute loginAttribute;

	private @Nullable EngineHttpSession httpSession;

	SessionRequestWrapper(HttpServletRequest request, Session session, SessionFactory factory,
			@Nullable RequestedKey requestedKey, @Nullable SessionLoginAttribute loginAttribute) {
		super(request);
		this.session = session;
		this.factory = factory;
		this.requestedKey = requestedKey;
		this.requestedSessionId = (requestedKey != null) ? requestedKey.value() : null;
		this.loginAttribute = loginAttribute;
	}

	@Override
	public @Nullable HttpSession getSession(boolean create) {
		if (this.httpSession != null && this.httpSession.isValid()) {
			return this.httpSession;
		}
		if (!create && this.session.isEmpty()) {
			return null;
		}
		this.httpSession = new EngineHttpSession(this.session, this.factory, getServletContext(),
				this::isRequestedSession, this.loginAttribute);
		return this.httpSession;
	}

	@Override
	public HttpSession getSession() {
		HttpSession session = getSession(true);
		if (session == null) {
			throw new IllegalStateException("getSession(true) always returns a session");
		}
		return session;
	}

	@Override
	public String changeSessionId() {
		// only a live session's id can change: a key that names none is no session
		this.session.ensureLoaded();
		HttpSession httpSession = getSession(false);
		if (httpSession == null) {
			throw new IllegalStateException("The request has no session whose id could change");
		}
		this.session.cycleKey();
		return httpSession.getId();
	}

	@Override
	public @Nullable String getRequestedSessionId() {
		return this.requestedSessionId;
	}

	/**
	 * Return whether the requested key names a live session: the one question that reads
	 * the store by itself. The read is the request's one load; the data it brings is kept
	 * for the rest of the request.
	 */
	@Override
	public boolean isRequestedSessionIdValid() {
		if (this.requestedSessionId == null) {
			return false;
		}
		this.session.ensureLoaded();
		return this.requestedSessionId.equals(this.session.getSessionKey());
	}

	@Override
	public boolean isRequestedSessionIdFromCookie() {
		return this.requestedKey != null && this.requestedKey.fromCookie();
	}

	@Override
	public boolean isRequestedSessionIdFromURL() {
		return false;
	}

	/**
	 * Return the request of a later dispatch of the same request (an error page, a
	 * forward or an include that the container starts with its own request object), with
	 * this request's session: the same {@link HttpSession}, the same requested key.
	 * @param request the container's request for that dispatch
	 * @return the request to pass on
	 */
	HttpServletRequest redispatch(HttpServletRequest request) {
		return new Redispatched(request, this);
	}

	private boolean isRequestedSession(@Nullable String key) {
		return key != null && key.equals(this.requestedSessionId);
	}

	/**
	 * A later dispatch's request, whose session is the first dispatch's.
	 */
	private static final class Redispatched extends HttpServletRequestWrapper {

		private final SessionRequestWrapper first;

		Redispatched(HttpServletRequest request, SessionRequestWrapper first) {
			super(request);
			this.first = first;
		}

		@Override
		public @Nullable HttpSession getSession(boolean create) {
			return this.first.getSession(create);
		}

		@Override
		public HttpSession getSession() {
			return this.first.getSession();
		}

		@Override
		public String changeSessionId() {
			return this.first.changeSessionId();
		}

		@Override
		public @Nullable String getRequestedSessionId() {
			return this.first.getRequestedSessionId();
		}

		@Override
		public boolean isRequestedSessionIdValid() {
			return this.first.isRequestedSessionIdValid();
		}

		@Override
		public boolean isRequestedSessionIdFromCookie() {
			return this.first.isRequestedSessionIdFromCookie();
		}

		@Override
		public boolean isRequestedSessionIdFromURL() {
			return false;
		}

	}

}
