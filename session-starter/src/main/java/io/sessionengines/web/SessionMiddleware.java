package io.sessionengines.web;

import java.time.Instant;

import io.sessionengines.engine.SessionDataTooLargeException;
import io.sessionengines.engine.SessionUpdateException;
import io.sessionengines.session.Session;
import io.sessionengines.session.SessionConflictException;
import io.sessionengines.session.SessionFactory;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

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

	private final SessionFactory factory;

	private final SessionCookie cookie;

	private final boolean saveEveryRequest;

	private final @Nullable String headerName;

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
	SessionFactory getFactory() {
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
	 * Return the session key a request carries: in the session header when one is
	 * configured and present, else in the session cookie.
	 * @param request the request
	 * @param cookieValue the value of the request's session cookie, as
	 * {@link SessionCookie#read} returned it
	 * @return the key as sent, or {@code null} when the request carries none
	 */
	public @Nullable String readKey(HttpServletRequest request, @Nullable String cookieValue) {
		String header = (this.headerName != null) ? request.getHeader(this.headerName) : null;
		return (header != null) ? header : cookieValue;
	}

	/**
	 * Open the session a request's key names; nothing is read until it is used.
	 * @param key the key the request carries, or {@code null}
	 * @return the session
	 */
	public Session open(@Nullable String key) {
		return this.factory.open(key);
	}

	/**
	 * Save the session and write the cookie as the response requires (Django's
	 * {@code process_response}).
	 * @param session the request's session
	 * @param requestHadCookie whether the request carried a session key (cookie or
	 * header)
	 * @param status the response status
	 * @param request the request
	 * @param response the response, not yet committed
	 * @throws SessionInterruptedException if the session was deleted by another request
	 * @throws SessionConflictResponseException if concurrent requests kept changing the
	 * session until its save gave up
	 * @throws SessionCookieTooLargeException if the cookie would be too large to send
	 * @throws SessionTooLargeException if the session's data grew past its bound in place
	 */
	public void processResponse(Session session, boolean requestHadCookie, int status, HttpServletRequest request,
			HttpServletResponse response) {
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
		if (requestHadCookie && empty) {
			this.cookie.delete(response);
			sendHeader(response, "");
			return;
		}
		if (accessed) {
			SessionCookie.varyOnCookie(response);
			if (this.headerName != null) {
				SessionCookie.vary(response, this.headerName);
			}
		}
		if (wantsSave && !empty && status < 500) {
			if (this.registrar != null) {
				this.registrar.beforeSave(session, request);
			}
			save(session, response);
		}
	}

	private void save(Session session, HttpServletResponse response) {
		Instant now = this.factory.getExpiry().now();
		Long maxAge = session.isExpireAtBrowserClose() ? null : session.getExpiryAge();
		try {
			session.save();
		}
		catch (SessionUpdateException ex) {
			throw new SessionInterruptedException(ex);
		}
		catch (SessionConflictException ex) {
			throw new SessionConflictResponseException(ex);
		}
		catch (SessionDataTooLargeException ex) {
			throw new SessionTooLargeException(ex);
		}
		String key = session.getSessionKey();
		Assert.state(key != null, "A saved session has a key");
		this.cookie.write(response, key, maxAge, now);
		sendHeader(response, key);
	}

	private void sendHeader(HttpServletResponse response, String key) {
		if (this.headerName != null) {
			response.setHeader(this.headerName, key);
			SessionCookie.vary(response, this.headerName);
		}
	}

}
