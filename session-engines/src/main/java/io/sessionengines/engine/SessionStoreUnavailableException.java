package io.sessionengines.engine;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when an engine's store cannot be reached or fails (database down, Redis down,
 * disk full). It is not a logout: nothing is changed, and the request should be retried
 * once the store is back; the session middleware answers {@code 503}.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public class SessionStoreUnavailableException extends RuntimeException {

	/**
	 * Create a new exception.
	 * @param message what failed
	 * @param cause the store's failure, or {@code null}
	 */
	public SessionStoreUnavailableException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

	/**
	 * Return the message, which every constructor takes.
	 * @return the message
	 */
	@Override
	public String getMessage() {
		return Objects.requireNonNull(super.getMessage());
	}

}
