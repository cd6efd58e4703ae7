package io.sessionengines.autoconfigure;

import io.sessionengines.engine.SessionEngine;

/**
 * Wraps the session engine that sessions use, for example to time its operations.
 * Decorator beans are applied in order.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
@FunctionalInterface
public interface SessionEngineDecorator {

	/**
	 * Decorate an engine.
	 * @param engine the engine
	 * @return the engine sessions use
	 */
	SessionEngine decorate(SessionEngine engine);

}
