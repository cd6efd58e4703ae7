package io.sessionengines.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.sessionengines.session.Session;
import io.sessionengines.session.SessionFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;

/**
 * Django's {@code SessionMiddleware}: opens a request's session from its cookie and, when
 * the response is committed, decides whether to save the session, set the cookie, delete
 * it, or leave both alone.
 * <p>
 * The decision follows Django's table exactly: a request that had a session cookie and
 * ends with an empty session gets a deletion cookie (whatever the status); a session that
 * was used adds {@code Vary: Cookie}; a modified, non-empty session (or any non-empty one
 * with save-every-request) is saved and its cookie set, unless the status is 5xx. Better
 * than Django: with save-every-request a cookie that names no live session is deleted,
 * never turned into a new empty session, and every {@code Set-Cookie} comes with
 * {@code Vary: Cookie}.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public final class SessionMiddleware {

	private static final List<String> VARY_ON_COOKIE = List.of(HttpHeaders.COOKIE);

	private final SessionFactory factory;

	private final SessionCookie cookie;

	private final boolean saveEveryRequest;

	private final @Nullable String headerName;

	/**
	 * What a response to a request that only read its session carries: the same for every
	 * such request.
	 */
	private final SessionResponse varyOnly;

	private @Nullable SessionRegistrar registrar;

	private @Nullable SessionLoginAttribute loginAttribute;

	/**
	 * Create the middleware.
	 * @param factory opens the sessions
	 * @param cookie the session cookie
	 * @param saveEveryRequest whether every non-empty session is saved on every request
	 * (Django's {@code SESSION_SAVE_EVERY_REQUEST})
	 */
	public SessionMiddleware(SessionFactory factory, SessionCookie cookie, boolean saveEveryRequest) {
		this(factory, cookie, saveEveryRequest, null);
	}

	/**
	 * Create the middleware.
	 * @param factory opens the sessions
	 * @param cookie the session cookie
	 * @param saveEveryRequest whether every non-empty session is saved on every request
	 * (Django's {@code SESSION_SAVE_EVERY_REQUEST})
	 * @param headerName a request and response header that also carries the session key,
	 * for API clients without cookies, or {@code null}; a request's header wins over its
	 * cookie
	 */
	public SessionMiddleware(SessionFactory factory, SessionCookie cookie, boolean saveEveryRequest,
			@Nullable String headerName) {
		Assert.notNull(factory, "'factory' must not be null");
		Assert.notNull(cookie, "'cookie' must not be null");
		this.factory = factory;
		this.cookie = cookie;
		this.saveEveryRequest = saveEveryRequest;
		this.headerName = headerName;
		this.varyOnly = response(null, null);
	}

	/**
	 * Set what keeps the registry of each user's sessions in step with the sessions'
	 * logins; none by default.
	 * @param registrar the registrar, or {@code null}
	 */
	public void setRegistrar(@Nullable SessionRegistrar registrar) {
		this.registrar = registrar;
	}

	/**
	 * Return what keeps the registry of each user's sessions in step with the sessions'
	 * logins.
	 * @return the registrar, or {@code null} when there is none
	 */
	public @Nullable SessionRegistrar getRegistrar() {
		return this.registrar;
	}

	/**
	 * Set the attribute that holds a session's login and the rules it is read and written
	 * by; none by default: every attribute is a plain session entry.
	 * @param loginAttribute the login attribute, or {@code null}
	 */
	public void setLoginAttribute(@Nullable SessionLoginAttribute loginAttribute) {
		this.loginAttribute = loginAttribute;
	}

	/**
	 * Return the attribute that holds a session's login.
	 * @return the login attribute, or {@code null} when there is none
	 */
	public @Nullable SessionLoginAttribute getLoginAttribute() {
		return this.loginAttribute;
	}

	/**
	 * Return the factory that opens the sessions.
	 * @return the session factory
	 */
	public SessionFactory getFactory() {
		return this.factory;
	}

	/**
	 * Return the session cookie.
	 * @return the session cookie
	 */
	public SessionCookie getCookie() {
		return this.cookie;
	}

	/**
	 * Return whether every non-empty session is saved on every request
	 * ({@code session.save-every-request}, Django's {@code SESSION_SAVE_EVERY_REQUEST}).
	 * @return whether every session is saved on every request
	 */
	public boolean isSaveEveryRequest() {
		return this.saveEveryRequest;
	}

	/**
	 * Return the request and response header that also carries the session key.
	 * @return the header name, or {@code null} when there is none
	 */
	public @Nullable String getHeaderName() {
		return this.headerName;
	}

	/**
	 * Return the session key a request carries: in the session header when one is
	 * configured and the request has it, else in the session cookie.
	 * @param header the request's session header, or {@code null}
	 * @param cookie the value of the request's session cookie, or {@code null}
	 * @return the key and where it came from, or {@code null} when the request carries
	 * none
	 */
	public @Nullable RequestedKey requestedKey(@Nullable String header, @Nullable String cookie) {
		if (this.headerName != null && header != null) {
			return new RequestedKey(header, false);
		}
		return (cookie != null) ? new RequestedKey(cookie, true) : null;
	}

	/**
	 * Open the session a request's key names, bound to that request; nothing is read
	 * until it is used.
	 * @param requestedKey the key the request carries, or {@code null}
	 * @return the request's session
	 */
	public BoundSession open(@Nullable RequestedKey requestedKey) {
		Session session = this.factory.open((requestedKey != null) ? requestedKey.value() : null);
		return new BoundSession(this, session, requestedKey);
	}

	/**
	 * Return whether committing the session may write to the store: it was changed, is
	 * saved on every request, is due to record its activity, or has an old session to
	 * delete ({@link Session#flushLater()}). Otherwise the commit only decides headers,
	 * and no store round trip is made.
	 * @param session the request's session
	 * @return whether the commit may write
	 */
	boolean commitMayWrite(Session session) {
		return session.isModified() || this.saveEveryRequest || session.needsActivityRefresh()
				|| session.hasPendingDeletion();
	}

	/**
	 * Save the session if the response requires it, and decide what the response carries
	 * of it (Django's {@code process_response}).
	 * @param session the request's session
	 * @param requestHadKey whether the request carried a session key (cookie or header)
	 * @param status the response status
	 * @param client the request's client, for the registry
	 * @param now the current time
	 * @return what the response carries
	 * @throws SessionResponseException if the session could not be saved (deleted by
	 * another request, changed by concurrent requests until its save gave up, or grown
	 * past its bound in place), or its cookie would be too large to send
	 */
	SessionResponse commit(Session session, boolean requestHadKey, int status, SessionClient client, Instant now) {
		// a flush or key change left for later ends the old session whatever the status
		session.deletePending();
		boolean accessed = session.isAccessed();
		if (session.needsActivityRefresh()) {
			// a read keeps a session with an idle timeout alive, at most once per
			// resolution
			session.markActive();
		}
		boolean wantsSave = session.isModified() || this.saveEveryRequest;
		if (wantsSave) {
			session.ensureLoaded();
		}
		boolean empty = session.isEmpty();
		if (requestHadKey && empty) {
			return response(this.cookie.deletionHeader(), "");
		}
		if (wantsSave && !empty && status < 500) {
			if (this.registrar != null) {
				this.registrar.beforeSave(session, client);
			}
			Long maxAge = session.isExpireAtBrowserClose() ? null : session.getExpiryAge();
			String key = save(session);
			return response(this.cookie.header(key, maxAge, now), key);
		}
		return accessed ? this.varyOnly : SessionResponse.NONE;
	}

	/**
	 * Return a response that varies on the session cookie (and header), with the given
	 * cookie and session header, if any.
	 */
	private SessionResponse response(@Nullable String setCookie, @Nullable String headerValue) {
		if (this.headerName == null) {
			return new SessionResponse(setCookie, VARY_ON_COOKIE, Map.of());
		}
		return new SessionResponse(setCookie, List.of(HttpHeaders.COOKIE, this.headerName),
				(headerValue != null) ? Map.of(this.headerName, headerValue) : Map.of());
	}

	private static String save(Session session) {
		try {
			session.save();
		}
		catch (RuntimeException ex) {
			throw SessionResponseException.ofSave(ex);
		}
		String key = session.getSessionKey();
		Assert.state(key != null, "A saved session has a key");
		return key;
	}

}
