package io.sessionengines.web;

import java.util.Objects;

import io.sessionengines.engine.SessionStoreUnavailableException;
import org.jspecify.annotations.Nullable;

/**
 * A session failure that decides the response: the session middleware answers with
 * {@link #getStatus()} and the message, never with a stack trace.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public abstract class SessionResponseException extends RuntimeException {

	/**
	 * Create a new exception without a cause.
	 * @param message the message the response carries
	 */
	protected SessionResponseException(String message) {
		super(message);
	}

	/**
	 * Create a new exception.
	 * @param message the message the response carries
	 * @param cause the cause
	 */
	protected SessionResponseException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * Return the status of the response.
	 * @return the HTTP status
	 */
	public abstract int getStatus();

	/**
	 * Return the message, which every constructor takes.
	 * @return the message
	 */
	@Override
	public String getMessage() {
		return Objects.requireNonNull(super.getMessage());
	}

	/**
	 * Return the session failure that decides the response to a request that failed with
	 * the given exception, if there is one among it and its causes: the one place where a
	 * failure becomes a status, for every web stack. A session store that cannot be
	 * reached answers {@code 503}.
	 * @param ex the exception
	 * @return the failure, or {@code null} when the exception is not a session failure
	 * @since 0.4.0
	 */
	public static @Nullable SessionResponseException find(Throwable ex) {
		for (Throwable candidate = ex; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof SessionResponseException sessionFailure) {
				return sessionFailure;
			}
			if (candidate instanceof SessionStoreUnavailableException storeFailure) {
				return new SessionUnavailableException(storeFailure);
			}
		}
		return null;
	}

}
