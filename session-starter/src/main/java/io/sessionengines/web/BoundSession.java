package io.sessionengines.web;

import java.time.Instant;

import io.sessionengines.session.Session;
import org.jspecify.annotations.Nullable;

/**
 * One request's session, bound to its exchange whatever the web stack: the key the
 * request carried and where it came from, the session it opened, and the commit that
 * saves the session and decides what the response carries of it, once.
 *
 * @author Session Engines contributors
 * @since 0.4.0
 */
public final class BoundSession {

	private final SessionMiddleware middleware;

	private final Session session;

	private final @Nullable RequestedKey requestedKey;

	private boolean committed;

	private @Nullable RuntimeException failure;

	BoundSession(SessionMiddleware middleware, Session session, @Nullable RequestedKey requestedKey) {
		this.middleware = middleware;
		this.session = session;
		this.requestedKey = requestedKey;
	}

	/**
	 * Return the request's session.
	 * @return the session
	 */
	public Session getSession() {
		return this.session;
	}

	/**
	 * Return the key the request carried.
	 * @return the key and where it came from, or {@code null} when the request carried
	 * none
	 */
	public @Nullable RequestedKey getRequestedKey() {
		return this.requestedKey;
	}

	/**
	 * Return the current time, from the clock of the session factory's expiry rules: the
	 * one clock the sessions' times and the cookie's come from.
	 * @return the current time
	 */
	public Instant now() {
		return this.middleware.getFactory().getExpiry().now();
	}

	/**
	 * Return whether {@link #commit} may write to the store now: when it cannot, it only
	 * decides the response's headers, and a web stack whose threads must not block can
	 * run it where it is.
	 * @return whether the commit may write to the store
	 */
	public boolean commitMayWrite() {
		return this.failure == null && !this.committed && this.middleware.commitMayWrite(this.session);
	}

	/**
	 * Save the session if the response requires it and return what the response carries
	 * of it, unless that was done already. If it failed, the failure is thrown again, now
	 * and on every later attempt: an application that catches it (as Spring MVC does with
	 * a failed write) can neither complete the response as if the session had been saved
	 * nor replace the failure with an error of its own.
	 * @param status the status the response will have
	 * @param client the request's client, for the registry
	 * @return what the response carries, or {@code null} when the session was committed
	 * already
	 */
	public @Nullable SessionResponse commit(int status, SessionClient client) {
		if (this.failure != null) {
			throw this.failure;
		}
		if (this.committed) {
			return null;
		}
		this.committed = true;
		try {
			return this.middleware.commit(this.session, this.requestedKey != null, status, client, now());
		}
		catch (RuntimeException ex) {
			this.failure = ex;
			throw ex;
		}
	}

	/**
	 * Return how committing the session failed, if it did, even if the application caught
	 * the failure.
	 * @return the failure, or {@code null}
	 */
	public @Nullable RuntimeException getFailure() {
		return this.failure;
	}

}
