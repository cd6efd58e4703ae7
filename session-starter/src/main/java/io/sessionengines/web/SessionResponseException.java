package io.sessionengines.web;

import java.util.Objects;

import io.sessionengines.engine.SessionDataTooLargeException;
import io.sessionengines.engine.SessionStoreUnavailableException;
import io.sessionengines.engine.SessionUpdateException;
import io.sessionengines.session.SessionConflictException;
import org.jspecify.annotations.Nullable;

/**
 * A session failure that decides the response: the session middleware answers with
 * {@link #getStatus()} and the message, never with a stack trace. This class is the one
 * place where a session failure becomes a status, for every web stack: a session deleted
 * by another request before this one saved it answers {@code 400} (Django's
 * {@code SessionInterrupted}), one that concurrent requests kept changing until its save
 * gave up {@code 409}, one whose data grew past its bound in place {@code 500}, and a
 * store that cannot be reached {@code 503}.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public class SessionResponseException extends RuntimeException {

	private final int status;

	/**
	 * Create a new exception without a cause.
	 * @param status the status of the response
	 * @param message the message the response carries
	 */
	protected SessionResponseException(int status, String message) {
		super(message);
		this.status = status;
	}

	/**
	 * Create a new exception.
	 * @param status the status of the response
	 * @param message the message the response carries
	 * @param cause the cause
	 */
	protected SessionResponseException(int status, String message, Throwable cause) {
		super(message, cause);
		this.status = status;
	}

	/**
	 * Return the status of the response.
	 * @return the HTTP status
	 */
	public final int getStatus() {
		return this.status;
	}

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
	 * the given exception, if there is one among it and its causes.
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

	/**
	 * Return what a failure to save a request's session answers.
	 * @param ex the failure of the save
	 * @return the failure that decides the response, or {@code ex} itself when the save
	 * failed otherwise
	 */
	static RuntimeException ofSave(RuntimeException ex) {
		if (ex instanceof SessionUpdateException) {
			return new SessionResponseException(400, "The request's session was deleted before the request "
					+ "completed. The user may have logged out in a concurrent request, for example.", ex);
		}
		if (ex instanceof SessionConflictException) {
			return new SessionResponseException(409, "The request's session was changed by concurrent requests until "
					+ "its changes could not be saved. Nothing was saved; the request can be sent again.", ex);
		}
		if (ex instanceof SessionDataTooLargeException) {
			return new SessionResponseException(500, ex.getMessage() + "; the session was not saved.", ex);
		}
		return ex;
	}

}
