package io.sessionengines.demo.django;

import io.sessionengines.demo.DemoApplication;

/**
 * Sessions shared by Django and the servlet demo on the {@code db} engine without the
 * login bridge ({@link DbEngineWithoutLoginBridgeDjangoInterop}).
 *
 * @author Session Engines contributors
 */
class DbEngineWithoutLoginBridgeDjangoInteropIntegrationTests extends DbEngineWithoutLoginBridgeDjangoInterop {

	@Override
	protected Class<?> application() {
		return DemoApplication.class;
	}

}
