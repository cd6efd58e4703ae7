package io.sessionengines.web.servlet;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.SessionKeyHash;
import io.sessionengines.session.Session;
import io.sessionengines.session.SessionFactory;
import io.sessionengines.web.SessionCookie;
import io.sessionengines.web.SessionLoginAttribute;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;
import org.jspecify.annotations.Nullable;

/**
 * The {@link HttpSession} view of a request's {@link Session}: attributes are session
 * entries, the id is the session key, {@code invalidate} flushes the session and
 * {@code setMaxInactiveInterval} sets its expiry. {@link HttpSessionBindingListener}
 * values are told when they are bound and unbound, as the servlet specification says.
 *
 * @author Session Engines contributors
 */
final class EngineHttpSession implements HttpSession {

	/**
	 * The expiry that stands for the servlet's "never" (a zero or negative interval): the
	 * longest browsers keep a cookie.
	 */
	private static final Duration NEVER = SessionCookie.MAX_AGE;

	private final Session session;

	private final ServletContext servletContext;

	private final Predicate<@Nullable String> knownToClient;

	private final @Nullable SessionLoginAttribute loginAttribute;

	/**
	 * Whether the engine's keys are the sessions themselves (signed cookies), whose id is
	 * a hash of the key.
	 */
	private final boolean keyIsPayload;

	private final Instant openedAt;

	private boolean valid = true;

	/**
	 * The key {@link #id} was made from: a signed session's id is a hash, made once per
	 * key rather than once per call.
	 */
	private @Nullable String idKey;

	private String id = "";

	/**
	 * Create the view of a session.
	 * @param session the session
	 * @param factory the factory that opened the session: its engine says whether keys
	 * are payloads, its expiry rules give the time
	 * @param servletContext the servlet context
	 * @param knownToClient whether a key is the one the request carried
	 * @param loginAttribute the login attribute, or {@code null}
	 */
	EngineHttpSession(Session session, SessionFactory factory, ServletContext servletContext,
			Predicate<@Nullable String> knownToClient, @Nullable SessionLoginAttribute loginAttribute) {
		this.session = session;
		this.servletContext = servletContext;
		this.knownToClient = knownToClient;
		this.loginAttribute = loginAttribute;
		this.keyIsPayload = factory.getEngine().isKeyPayload();
		this.openedAt = factory.getExpiry().now();
	}

	boolean isValid() {
		return this.valid;
	}

	/**
	 * Return the session key, or an empty string while the session has none: a new
	 * session gets its key when it is first saved, at the end of the request. When the
	 * engine's key is the session itself ({@link SessionEngine#isKeyPayload()}, as with
	 * {@code signed_cookies}), the id is a short hash of it instead: frameworks copy the
	 * id into the session (Spring Security's login details do), which would otherwise
	 * nest every old cookie in the next one.
	 * <p>
	 * Reads nothing: until the session's data is first used, the key is the one the
	 * request carried, which may name no live session.
	 */
	@Override
	public String getId() {
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
	 */
	@Override
	public long getCreationTime() {
		checkValid();
		if (this.session.get(SessionFactory.CREATED_KEY) instanceof String created) {
			Instant createdAt = SessionExpiry.parse(created);
			if (createdAt != null) {
				return SessionExpiry.clamp(createdAt).toEpochMilli();
			}
		}
		return this.openedAt.toEpochMilli();
	}

	/**
	 * Return the time of this request, the latest the client used the session.
	 */
	@Override
	public long getLastAccessedTime() {
		checkValid();
		return this.openedAt.toEpochMilli();
	}

	@Override
	public ServletContext getServletContext() {
		return this.servletContext;
	}

	/**
	 * Expire the session after this many seconds without a save; zero or negative means
	 * never, as in the servlet specification: as long as browsers keep a cookie.
	 */
	@Override
	public void setMaxInactiveInterval(int interval) {
		checkValid();
		if (interval > 0) {
			this.session.setExpiry(interval);
		}
		else {
			this.session.setExpiry(NEVER);
		}
	}

	@Override
	public int getMaxInactiveInterval() {
		checkValid();
		return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, this.session.getExpiryAge()));
	}

	@Override
	public @Nullable Object getAttribute(String name) {
		checkValid();
		SessionLoginAttribute login = loginAttribute(name);
		if (login != null) {
			return login.get(this.session);
		}
		return this.session.get(name);
	}

	@Override
	public Enumeration<String> getAttributeNames() {
		checkValid();
		return Collections.enumeration(List.copyOf(this.session.keys()));
	}

	@Override
	public void setAttribute(String name, @Nullable Object value) {
		checkValid();
		if (value == null) {
			removeAttribute(name);
			return;
		}
		SessionLoginAttribute login = loginAttribute(name);
		if (login != null) {
			login.set(this.session, value);
			return;
		}
		Object old = this.session.get(name);
		if (value instanceof HttpSessionBindingListener listener) {
			listener.valueBound(new HttpSessionBindingEvent(this, name, value));
		}
		this.session.set(name, value);
		if (old != value && old instanceof HttpSessionBindingListener listener) {
			listener.valueUnbound(new HttpSessionBindingEvent(this, name, old));
		}
	}

	@Override
	public void removeAttribute(String name) {
		checkValid();
		SessionLoginAttribute login = loginAttribute(name);
		Object old = (login != null) ? login.remove(this.session) : this.session.pop(name);
		if (old instanceof HttpSessionBindingListener listener) {
			listener.valueUnbound(new HttpSessionBindingEvent(this, name, old));
		}
	}

	@Override
	public void invalidate() {
		checkValid();
		// the stored values are read here only if one may be a binding listener; the
		// flush reads an unread session itself when its factory has session listeners
		// (the registry and the events), which must learn what the session held
		Map<String, HttpSessionBindingListener> listeners = new LinkedHashMap<>();
		if (this.session.mayHold(HttpSessionBindingListener.class)) {
			this.session.items().forEach((name, value) -> {
				if (value instanceof HttpSessionBindingListener listener) {
					listeners.put(name, listener);
				}
			});
		}
		this.session.flush();
		this.valid = false;
		listeners.forEach((name, listener) -> listener.valueUnbound(new HttpSessionBindingEvent(this, name, listener)));
	}

	/**
	 * Return whether the client does not know the session yet: it has no key, or its key
	 * is not the one the request carried.
	 */
	@Override
	public boolean isNew() {
		checkValid();
		return !this.knownToClient.test(this.session.getSessionKey());
	}

	/**
	 * Return the login attribute if it is the named one.
	 */
	private @Nullable SessionLoginAttribute loginAttribute(String name) {
		SessionLoginAttribute login = this.loginAttribute;
		return (login != null && login.getName().equals(name)) ? login : null;
	}

	private void checkValid() {
		if (!this.valid) {
			throw new IllegalStateException("The session was invalidated");
		}
	}

}
