package io.sessionengines.registry;

import io.sessionengines.engine.MutableClock;

/**
 * The registry store contract on {@link InMemorySessionRegistryStore}.
 *
 * @author Session Engines contributors
 */
class InMemorySessionRegistryStoreTests extends AbstractSessionRegistryStoreTests {

	@Override
	protected SessionRegistryStore createStore(MutableClock clock) {
		return new InMemorySessionRegistryStore(clock);
	}

}
