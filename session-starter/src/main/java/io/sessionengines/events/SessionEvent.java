package io.sessionengines.events;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;

/**
 * Something that happened to a session, published as a Spring application event.
 * <p>
 * A session is named by its opaque registry id while it is logged in (the id that
 * {@code UserSessions}, the {@code sessions} endpoint and Spring Security's
 * {@code SessionRegistry} use), and otherwise by a salted hash of its key, which tells
 * the events of one session apart in this process without revealing the key: a session
 * key is a credential and never appears in an event.
 *
 * @author Session Engines contributors
 * @since 0.3.0
 */
public abstract class SessionEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final String sessionId;

	private final @Nullable String principal;

	private final transient Map<String, @Nullable Object> attributes;

	/**
	 * Create an event.
	 * @param source what published it
	 * @param sessionId the session's id, as above
	 * @param principal the user the session was logged in as, or {@code null}
	 * @param attributes what the session held, when known
	 */
	protected SessionEvent(Object source, String sessionId, @Nullable String principal,
			Map<String, @Nullable Object> attributes) {
		super(source);
		this.sessionId = sessionId;
		this.principal = principal;
		this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
	}

	/**
	 * Return the session's id: its registry id when it is logged in, otherwise a salted
	 * hash of its key.
	 * @return the id
	 */
	public String getSessionId() {
		return this.sessionId;
	}

	/**
	 * Return the name of the user the session was logged in as.
	 * @return the user's name, or {@code null} for an anonymous session
	 */
	public @Nullable String getPrincipal() {
		return this.principal;
	}

	/**
	 * Return what the session held: its data when the event comes from a request that had
	 * it, empty for a session ended from elsewhere.
	 * @return the session's entries, read-only
	 */
	public Map<String, @Nullable Object> getAttributes() {
		return this.attributes;
	}

}
