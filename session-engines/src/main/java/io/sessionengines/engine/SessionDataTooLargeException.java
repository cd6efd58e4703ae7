package io.sessionengines.engine;

/**
 * Thrown when session data would be larger than the configured bound
 * ({@code session.max-data-size}): by {@link io.sessionengines.session.Session#set} and
 * {@code update} before the value is stored, so the caller can answer while the response
 * is still its own, and by an engine's save for data that grew in place.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public class SessionDataTooLargeException extends IllegalArgumentException {

	private final int size;

	private final int limit;

	/**
	 * Create a new exception.
	 * @param size the size the serialized data would have, in bytes
	 * @param limit the largest size allowed, in bytes
	 */
	public SessionDataTooLargeException(int size, int limit) {
		super("The session data would be " + size + " bytes, over the limit of " + limit
				+ " bytes (session.max-data-size); store less in the session, or raise the limit");
		this.size = size;
		this.limit = limit;
	}

	/**
	 * Return the size the serialized data would have.
	 * @return the size in bytes
	 */
	public int getSize() {
		return this.size;
	}

	/**
	 * Return the largest size allowed.
	 * @return the limit in bytes
	 */
	public int getLimit() {
		return this.limit;
	}

}
