package io.sessionengines.demo.reactive;

import io.sessionengines.demo.django.DbEngineWithoutLoginBridgeDjangoInterop;

/**
 * Sessions shared by Django and the reactive demo on the {@code db} engine without the
 * login bridge ({@link DbEngineWithoutLoginBridgeDjangoInterop}), under BlockHound.
 *
 * @author Session Engines contributors
 */
class DbEngineWithoutLoginBridgeDjangoInteropReactiveIntegrationTests extends DbEngineWithoutLoginBridgeDjangoInterop
		implements NoBlockingCalls {

	@Override
	protected Class<?> application() {
		return ReactiveDemoApplication.class;
	}

}
