package io.sessionengines.demo.django;

import io.sessionengines.demo.DemoApplication;

/**
 * Sessions shared by Django and the servlet demo on the {@code signed_cookies} engine
 * ({@link SignedCookiesEngineDjangoInterop}).
 *
 * @author Session Engines contributors
 */
class SignedCookiesEngineDjangoInteropIntegrationTests extends SignedCookiesEngineDjangoInterop {

	@Override
	protected Class<?> application() {
		return DemoApplication.class;
	}

}
