package io.sessionengines.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.SessionKeyHash;
import io.sessionengines.session.Session;
import io.sessionengines.session.SessionFactory;
import org.jspecify.annotations.Nullable;

/**
 * What a web stack's session object ({@code HttpSession}, {@code WebSession}) shows of a
 * request's {@link Session}: its id, its times, its idle limit, and its attributes, the
 * login attribute read and written by its own rules.
 *
 * @author Session Engines contributors
 * @since 0.4.0
 */
public final class SessionView {

	/**
	 * The expiry that stands for "never" (a zero or negative idle limit): the longest
	 * browsers keep a cookie.
	 */
	private static final Duration NEVER = SessionCookie.MAX_AGE;

	private final Session session;

	private final @Nullable SessionLoginAttribute loginAttribute;

	/**
	 * Whether the engine's keys are the sessions themselves (signed cookies), whose id is
	 * a hash of the key.
	 */
	private final boolean keyIsPayload;

	private final Instant openedAt;

	/**
	 * The key {@link #id} was made from: a signed session's id is a hash, made once per
	 * key rather than once per call.
	 */
	private @Nullable String idKey;

	private String id = "";

	/**
	 * Whether {@link #login} holds the login attribute's value as read from the session's
	 * data as it still is: it is kept while the request changes nothing in the session
	 * and its key stays, as Django keeps a request's user once read.
	 */
	private boolean loginRead;

	private @Nullable Object login;

	private @Nullable String loginKey;

	/**
	 * Create the view of a session.
	 * @param session the session
	 * @param factory the factory that opened the session: its engine says whether keys
	 * are payloads, its expiry rules give the time
	 * @param loginAttribute the login attribute, or {@code null}
	 */
	public SessionView(Session session, SessionFactory factory, @Nullable SessionLoginAttribute loginAttribute) {
		this.session = session;
		this.loginAttribute = loginAttribute;
		this.keyIsPayload = factory.getEngine().isKeyPayload();
		this.openedAt = factory.getExpiry().now();
	}

	/**
	 * Return the session.
	 * @return the session
	 */
	public Session getSession() {
		return this.session;
	}

	/**
	 * Return the session's id: its key, or an empty string while it has none (a new
	 * session gets its key when it is first saved, at the end of the request). When the
	 * engine's key is the session itself ({@link SessionEngine#isKeyPayload()}, as with
	 * {@code signed_cookies}), the id is a short hash of it instead: frameworks copy the
	 * id into the session (Spring Security's login details do), which would otherwise
	 * nest every old cookie in the next one.
	 * <p>
	 * Reads nothing: until the session's data is first used, the key is the one the
	 * request carried, which may name no live session.
	 * @return the id
	 */
	public String id() {
		String key = this.session.getSessionKey();
		if (key == null) {
			return "";
		}
		if (!key.equals(this.idKey)) {
			this.id = this.keyIsPayload ? SessionKeyHash.of(key) : key;
			this.idKey = key;
		}
		return this.id;
	}

	/**
	 * Return when the session was created, when that is known: for a session created in
	 * this request, or one whose data records it ({@code session.absolute-age});
	 * otherwise the time this request opened it, since Django's session data does not
	 * record it.
	 * @return the creation time
	 */
	public Instant creationTime() {
		if (this.session.get(SessionFactory.CREATED_KEY) instanceof String created) {
			Instant createdAt = SessionExpiry.parse(created);
			if (createdAt != null) {
				return SessionExpiry.clamp(createdAt);
			}
		}
		return this.openedAt;
	}

	/**
	 * Return the time this request opened the session, the latest the client used it.
	 * @return the time of this request
	 */
	public Instant lastAccessTime() {
		return this.openedAt;
	}

	/**
	 * Expire the session after this many seconds without a save; zero or negative means
	 * never, as in the servlet specification and {@code WebSession}: as long as browsers
	 * keep a cookie.
	 * @param seconds the idle limit in seconds
	 */
	public void setMaxIdleSeconds(long seconds) {
		if (seconds > 0) {
			this.session.setExpiry(seconds);
		}
		else {
			this.session.setExpiry(NEVER);
		}
	}

	/**
	 * Return the attribute's value.
	 * @param name the attribute name
	 * @return the value, or {@code null}
	 */
	public @Nullable Object getAttribute(String name) {
		SessionLoginAttribute login = loginAttribute(name);
		return (login != null) ? readLogin(login) : this.session.get(name);
	}

	/**
	 * Read the login, once per request while the session is unchanged: reading it may
	 * query a database (Django's user table), which a reactive request does once, off the
	 * event loop, when it opens the session; later reads on the event loop reuse it.
	 */
	private @Nullable Object readLogin(SessionLoginAttribute attribute) {
		if (this.loginRead && !this.session.isModified()
				&& Objects.equals(this.loginKey, this.session.getSessionKey())) {
			return this.login;
		}
		Object value = attribute.get(this.session);
		// a session already changed in this request may change again unseen: not kept
		this.loginRead = !this.session.isModified();
		this.login = value;
		this.loginKey = this.session.getSessionKey();
		return value;
	}

	/**
	 * Set an attribute.
	 * @param name the attribute name
	 * @param value the value, never {@code null}
	 */
	public void setAttribute(String name, Object value) {
		SessionLoginAttribute login = loginAttribute(name);
		if (login != null) {
			this.loginRead = false;
			login.set(this.session, value);
		}
		else {
			this.session.set(name, value);
		}
	}

	/**
	 * Remove an attribute.
	 * @param name the attribute name
	 * @return the value it had, or {@code null}
	 */
	public @Nullable Object removeAttribute(String name) {
		SessionLoginAttribute login = loginAttribute(name);
		if (login == null) {
			return this.session.pop(name);
		}
		this.loginRead = false;
		return login.remove(this.session);
	}

	/**
	 * Return whether the named attribute is the login attribute.
	 * @param name the attribute name
	 * @return whether it is read and written by the login attribute's rules
	 */
	public boolean isLoginAttribute(String name) {
		return loginAttribute(name) != null;
	}

	private @Nullable SessionLoginAttribute loginAttribute(String name) {
		SessionLoginAttribute login = this.loginAttribute;
		return (login != null && login.getName().equals(name)) ? login : null;
	}

}
