package io.sessionengines.registry;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * One live session of a user, as the registry knows it.
 * <p>
 * The {@link #id() id} is opaque and random: it is not the session key and nothing the
 * key can be derived from, since a key is a credential. The key itself is held only to
 * end a server-side session and never leaves the registry: {@link #toString()} leaves it
 * out.
 *
 * @param id the opaque id, stable for the life of the session
 * @param principal the name of the user the session is logged in as
 * @param key the session key, for an engine that stores sessions on the server, once the
 * session has been saved under it; {@code null} for signed-cookie sessions
 * @param createdAt when the session was created, or when it was logged in when that is
 * not known
 * @param authenticatedAt when the session was logged in
 * @param lastSeenAt when a request last used the session; it may lag by up to a minute
 * @param expiresAt when the registry forgets the session: at or shortly after the
 * session's own expiry
 * @param userAgent the {@code User-Agent} of the request that logged in, or {@code null}
 * @param ip the client address of the request that logged in, or {@code null}
 * @author Session Engines contributors
 * @since 0.3.0
 */
public record RegisteredSession(String id, String principal, @Nullable String key, Instant createdAt,
		Instant authenticatedAt, Instant lastSeenAt, Instant expiresAt, @Nullable String userAgent,
		@Nullable String ip) {

	/**
	 * Create a registered session.
	 * @param id the opaque id
	 * @param principal the user's name
	 * @param key the session key, or {@code null}
	 * @param createdAt when the session was created
	 * @param authenticatedAt when it was logged in
	 * @param lastSeenAt when it was last used
	 * @param expiresAt when the registry forgets it
	 * @param userAgent the user agent, or {@code null}
	 * @param ip the client address, or {@code null}
	 */
	public RegisteredSession {
		Assert.hasText(id, "'id' must not be empty");
		Assert.hasText(principal, "'principal' must not be empty");
		Assert.notNull(createdAt, "'createdAt' must not be null");
		Assert.notNull(authenticatedAt, "'authenticatedAt' must not be null");
		Assert.notNull(lastSeenAt, "'lastSeenAt' must not be null");
		Assert.notNull(expiresAt, "'expiresAt' must not be null");
	}

	/**
	 * Return this session with another key.
	 * @param key the key
	 * @return the session
	 */
	public RegisteredSession withKey(@Nullable String key) {
		return new RegisteredSession(this.id, this.principal, key, this.createdAt, this.authenticatedAt,
				this.lastSeenAt, this.expiresAt, this.userAgent, this.ip);
	}

	/**
	 * Describe the session without its key.
	 */
	@Override
	public String toString() {
		return "RegisteredSession[id=" + this.id + ", principal=" + this.principal + ", createdAt=" + this.createdAt
				+ ", authenticatedAt=" + this.authenticatedAt + ", lastSeenAt=" + this.lastSeenAt + ", expiresAt="
				+ this.expiresAt + ", userAgent=" + this.userAgent + ", ip=" + this.ip + "]";
	}

}
