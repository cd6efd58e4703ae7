package io.sessionengines.autoconfigure;

/**
 * A misconfiguration of the session engines, with the action that fixes it; reported at
 * start-up by {@link SessionConfigurationFailureAnalyzer}.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public class SessionConfigurationException extends RuntimeException {

	private final String action;

	/**
	 * Create a new exception.
	 * @param description what is wrong
	 * @param action how to fix it
	 */
	public SessionConfigurationException(String description, String action) {
		super(description);
		this.action = action;
	}

	/**
	 * Return how to fix the misconfiguration.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
