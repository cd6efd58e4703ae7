package io.sessionengines.demo.django;

import io.sessionengines.demo.DemoApplication;

/**
 * Sessions shared by Django and the servlet demo on the {@code signed_cookies} engine
 * with a key ring ({@link SignedCookiesWithKeyRingDjangoInterop}).
 *
 * @author Session Engines contributors
 */
class SignedCookiesWithKeyRingDjangoInteropIntegrationTests extends SignedCookiesWithKeyRingDjangoInterop {

	@Override
	protected Class<?> application() {
		return DemoApplication.class;
	}

}
