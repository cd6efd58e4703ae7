package io.sessionengines.events;

import java.util.Collections;
import java.util.Enumeration;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

/**
 * The {@link HttpSession} an {@code HttpSessionListener} is told of: a read-only view of
 * a {@link SessionEvent}, whose id is the event's session id and whose attributes are
 * what the session held. The session was saved or destroyed before the listener is told,
 * so any change is refused.
 *
 * @author Session Engines contributors
 */
final class EventHttpSession implements HttpSession {

	private final SessionEvent event;

	private final @Nullable ServletContext servletContext;

	EventHttpSession(SessionEvent event, @Nullable ServletContext servletContext) {
		this.event = event;
		this.servletContext = servletContext;
	}

	@Override
	public long getCreationTime() {
		return this.event.getTimestamp();
	}

	@Override
	public String getId() {
		return this.event.getSessionId();
	}

	@Override
	public long getLastAccessedTime() {
		return this.event.getTimestamp();
	}

	@Override
	public @Nullable ServletContext getServletContext() {
		return this.servletContext;
	}

	@Override
	public void setMaxInactiveInterval(int interval) {
		throw readOnly();
	}

	@Override
	public int getMaxInactiveInterval() {
		return 0;
	}

	@Override
	public @Nullable Object getAttribute(String name) {
		return this.event.getAttributes().get(name);
	}

	@Override
	public Enumeration<String> getAttributeNames() {
		return Collections.enumeration(this.event.getAttributes().keySet());
	}

	@Override
	public void setAttribute(String name, @Nullable Object value) {
		throw readOnly();
	}

	@Override
	public void removeAttribute(String name) {
		throw readOnly();
	}

	@Override
	public void invalidate() {
		throw readOnly();
	}

	@Override
	public boolean isNew() {
		return this.event instanceof SessionCreatedEvent;
	}

	private static IllegalStateException readOnly() {
		return new IllegalStateException("A session event's session was saved or destroyed already and cannot change");
	}

}
