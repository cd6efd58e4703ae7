package io.sessionengines.events;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.ServletListenerRegistrationBean;
import org.springframework.context.ApplicationListener;

/**
 * Tells the application's {@link HttpSessionListener}s of the sessions created, and of
 * those destroyed or expired, as the servlet container would tell them of its own
 * sessions (which the session middleware replaces): the listener beans, and those
 * registered through a {@link ServletListenerRegistrationBean}. So Spring Security's
 * {@code HttpSessionEventPublisher}, and the listeners an application already has, work
 * unchanged.
 * <p>
 * The session they get is a read-only view of the event ({@link EventHttpSession}): the
 * session was saved or destroyed already, so changing it is refused.
 *
 * @author Session Engines contributors
 * @since 0.3.0
 */
public final class HttpSessionListenerBridge implements ApplicationListener<SessionEvent> {

	private static final Log logger = LogFactory.getLog(HttpSessionListenerBridge.class);

	private final ObjectProvider<HttpSessionListener> listeners;

	private final ObjectProvider<ServletListenerRegistrationBean<?>> registrations;

	private final @Nullable ServletContext servletContext;

	/**
	 * The listeners, looked up at the first event: the application's beans do not change
	 * once it runs, and looking them up costs more than telling them.
	 */
	private volatile @Nullable List<HttpSessionListener> resolved;

	/**
	 * Create a bridge.
	 * @param listeners the listener beans
	 * @param registrations the listener registrations
	 * @param servletContext the servlet context the sessions belong to, or {@code null}
	 */
	public HttpSessionListenerBridge(ObjectProvider<HttpSessionListener> listeners,
			ObjectProvider<ServletListenerRegistrationBean<?>> registrations, @Nullable ServletContext servletContext) {
		this.listeners = listeners;
		this.registrations = registrations;
		this.servletContext = servletContext;
	}

	@Override
	public void onApplicationEvent(SessionEvent event) {
		List<HttpSessionListener> listeners = listeners();
		if (listeners.isEmpty()) {
			return;
		}
		HttpSessionEvent sessionEvent = new HttpSessionEvent(new EventHttpSession(event, this.servletContext));
		for (HttpSessionListener listener : listeners) {
			try {
				if (event instanceof SessionCreatedEvent) {
					listener.sessionCreated(sessionEvent);
				}
				else {
					// destroyed or expired: the servlet container tells both alike
					listener.sessionDestroyed(sessionEvent);
				}
			}
			catch (RuntimeException ex) {
				logger.error("The HttpSessionListener " + listener.getClass().getName() + " failed", ex);
			}
		}
	}

	private List<HttpSessionListener> listeners() {
		List<HttpSessionListener> resolved = this.resolved;
		if (resolved == null) {
			resolved = resolveListeners();
			this.resolved = resolved;
		}
		return resolved;
	}

	private List<HttpSessionListener> resolveListeners() {
		List<HttpSessionListener> listeners = new ArrayList<>(this.listeners.orderedStream().toList());
		this.registrations.orderedStream().forEach((registration) -> {
			if (registration.getListener() instanceof HttpSessionListener listener && !listeners.contains(listener)) {
				listeners.add(listener);
			}
		});
		return List.copyOf(listeners);
	}

}
