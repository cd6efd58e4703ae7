package io.sessionengines.events;

import java.time.Instant;
import java.util.Map;

import io.sessionengines.engine.SessionKeyHash;
import io.sessionengines.registry.RegisteredSession;
import io.sessionengines.registry.SessionEndListener;
import io.sessionengines.registry.UserSessions;
import io.sessionengines.session.SessionListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.util.Assert;

/**
 * Publishes the {@link SessionCreatedEvent}s and {@link SessionDestroyedEvent}s, told of
 * the sessions' saves and flushes by the session factory and of the sessions ended by the
 * registry. A listener that fails is logged, never fails the request or the end that
 * published the event.
 *
 * @author Session Engines contributors
 * @since 0.3.0
 */
public final class SessionEventPublisher implements SessionListener, SessionEndListener {

	private static final Log logger = LogFactory.getLog(SessionEventPublisher.class);

	private final ApplicationEventPublisher publisher;

	/**
	 * Create a publisher.
	 * @param publisher where to publish the events
	 */
	public SessionEventPublisher(ApplicationEventPublisher publisher) {
		Assert.notNull(publisher, "'publisher' must not be null");
		this.publisher = publisher;
	}

	@Override
	public void saved(@Nullable String previousKey, String key, Map<String, @Nullable Object> data, Instant expiresAt) {
		if (previousKey == null) {
			publish(new SessionCreatedEvent(this, idOf(key, data), principalOf(data), data));
		}
	}

	@Override
	public void flushed(String key, Map<String, @Nullable Object> data) {
		publish(new SessionDestroyedEvent(this, idOf(key, data), principalOf(data), data,
				SessionDestroyedEvent.Reason.LOGOUT));
	}

	@Override
	public void ended(RegisteredSession session, SessionEndListener.Reason reason) {
		publish(switch (reason) {
			case EXPIRED -> new SessionExpiredEvent(this, session.id(), session.principal(), Map.of());
			case MAXIMUM_SESSIONS -> new SessionDestroyedEvent(this, session.id(), session.principal(), Map.of(),
					SessionDestroyedEvent.Reason.MAXIMUM_SESSIONS);
			case ENDED -> new SessionDestroyedEvent(this, session.id(), session.principal(), Map.of(),
					SessionDestroyedEvent.Reason.ENDED);
		});
	}

	private void publish(SessionEvent event) {
		try {
			this.publisher.publishEvent(event);
		}
		catch (RuntimeException ex) {
			logger.error("A listener of " + event.getClass().getSimpleName() + " failed", ex);
		}
	}

	private static String idOf(String key, Map<String, @Nullable Object> data) {
		return (data.get(UserSessions.ID_KEY) instanceof String id) ? id : SessionKeyHash.of(key);
	}

	private static @Nullable String principalOf(Map<String, @Nullable Object> data) {
		return (data.get(UserSessions.PRINCIPAL_KEY) instanceof String principal) ? principal : null;
	}

}
