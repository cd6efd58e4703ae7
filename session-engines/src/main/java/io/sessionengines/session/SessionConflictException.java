package io.sessionengines.session;

/**
 * A session could not be saved because other requests kept changing it: every try found
 * it changed since the last one. Nothing of the request's changes was saved.
 *
 * @author Session Engines contributors
 * @since 0.2.0
 */
public class SessionConflictException extends RuntimeException {

	/**
	 * Create a new exception.
	 * @param attempts how many times the save was tried
	 */
	public SessionConflictException(int attempts) {
		super("The session was changed by concurrent requests on each of " + attempts
				+ " attempts to save it; nothing was saved");
	}

}
