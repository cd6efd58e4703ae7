package io.sessionengines.actuate;

import java.time.Instant;
import java.util.List;

import io.sessionengines.registry.RegisteredSession;
import io.sessionengines.registry.UserSessions;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.util.Assert;

/**
 * The {@code sessions} actuator endpoint, in the shape of Spring Boot's for Spring
 * Session: a user's live sessions ({@code GET ?username=}), one session ({@code GET
 * /{id}}) and its end ({@code DELETE /{id}}), as an administrator ends a user's sessions.
 * Sessions are named by their opaque registry ids; keys never appear.
 *
 * @author Session Engines contributors
 * @since 0.3.0
 */
@Endpoint(id = "sessions")
public class UserSessionsEndpoint {

	private final UserSessions userSessions;

	/**
	 * Create the endpoint.
	 * @param userSessions the registry of each user's sessions
	 */
	public UserSessionsEndpoint(UserSessions userSessions) {
		Assert.notNull(userSessions, "'userSessions' must not be null");
		this.userSessions = userSessions;
	}

	/**
	 * List a user's live sessions, newest first, at most {@link UserSessions#MAX_LISTED}.
	 * @param username the user's name
	 * @return the sessions
	 */
	@ReadOperation
	public SessionsDescriptor sessionsForUsername(String username) {
		return new SessionsDescriptor(this.userSessions.list(username).stream().map(SessionDescriptor::new).toList());
	}

	/**
	 * Return a live session.
	 * @param sessionId its registry id
	 * @return the session, or {@code null} (404) when there is no such live session
	 */
	@ReadOperation
	public @Nullable SessionDescriptor getSession(@Selector String sessionId) {
		RegisteredSession session = this.userSessions.find(sessionId);
		return (session != null) ? new SessionDescriptor(session) : null;
	}

	/**
	 * End a session at once, on every instance; ending one that is not live does nothing.
	 * @param sessionId its registry id
	 */
	@DeleteOperation
	public void deleteSession(@Selector String sessionId) {
		this.userSessions.end(sessionId);
	}

	/**
	 * A user's sessions.
	 *
	 * @param sessions the sessions, newest first
	 */
	public record SessionsDescriptor(List<SessionDescriptor> sessions) {

	}

	/**
	 * A session, without its key.
	 *
	 * @param id the registry id
	 * @param username the user's name
	 * @param creationTime when the session was created
	 * @param authenticationTime when it was logged in
	 * @param lastAccessedTime when it was last used, to the minute
	 * @param expiryTime when the registry forgets it, shortly after it expires
	 * @param userAgent the user agent of the login, or {@code null}
	 * @param ip the client address of the login, or {@code null}
	 */
	public record SessionDescriptor(String id, String username, Instant creationTime, Instant authenticationTime,
			Instant lastAccessedTime, Instant expiryTime, @Nullable String userAgent, @Nullable String ip) {

		SessionDescriptor(RegisteredSession session) {
			this(session.id(), session.principal(), session.createdAt(), session.authenticatedAt(),
					session.lastSeenAt(), session.expiresAt(), session.userAgent(), session.ip());
		}

	}

}
