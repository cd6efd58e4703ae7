package io.sessionengines.web.servlet;

import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.sessionengines.session.Session;
import io.sessionengines.session.SessionFactory;
import io.sessionengines.web.SessionLoginAttribute;
import io.sessionengines.web.SessionView;
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

	private final SessionView view;

	private final Session session;

	private final ServletContext servletContext;

	private final Predicate<@Nullable String> knownToClient;

	private boolean valid = true;

	/**
	 * Create the view of a session.
	 * @param session the session
	 * @param factory the factory that opened the session
	 * @param servletContext the servlet context
	 * @param knownToClient whether a key is the one the request carried
	 * @param loginAttribute the login attribute, or {@code null}
	 */
	EngineHttpSession(Session session, SessionFactory factory, ServletContext servletContext,
			Predicate<@Nullable String> knownToClient, @Nullable SessionLoginAttribute loginAttribute) {
		this.view = new SessionView(session, factory, loginAttribute);
		this.session = session;
		this.servletContext = servletContext;
		this.knownToClient = knownToClient;
	}

	boolean isValid() {
		return this.valid;
	}

	/**
	 * Return the session's id, as {@link SessionView#id()} says: the key, a hash of it
	 * for signed cookies, or an empty string while the session has none. Reads nothing.
	 */
	@Override
	public String getId() {
		return this.view.id();
	}

	@Override
	public long getCreationTime() {
		checkValid();
		return this.view.creationTime().toEpochMilli();
	}

	/**
	 * Return the time of this request, the latest the client used the session.
	 */
	@Override
	public long getLastAccessedTime() {
		checkValid();
		return this.view.lastAccessTime().toEpochMilli();
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
		this.view.setMaxIdleSeconds(interval);
	}

	@Override
	public int getMaxInactiveInterval() {
		checkValid();
		return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, this.session.getExpiryAge()));
	}

	@Override
	public @Nullable Object getAttribute(String name) {
		checkValid();
		return this.view.getAttribute(name);
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
		if (this.view.isLoginAttribute(name)) {
			this.view.setAttribute(name, value);
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
		Object old = this.view.removeAttribute(name);
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

	private void checkValid() {
		if (!this.valid) {
			throw new IllegalStateException("The session was invalidated");
		}
	}

}
