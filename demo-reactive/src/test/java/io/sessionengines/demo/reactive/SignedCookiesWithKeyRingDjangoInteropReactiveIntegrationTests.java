package io.sessionengines.demo.reactive;

import io.sessionengines.demo.django.SignedCookiesWithKeyRingDjangoInterop;

/**
 * Sessions shared by Django and the reactive demo on the {@code signed_cookies} engine
 * with a key ring ({@link SignedCookiesWithKeyRingDjangoInterop}), under BlockHound.
 *
 * @author Session Engines contributors
 */
class SignedCookiesWithKeyRingDjangoInteropReactiveIntegrationTests extends SignedCookiesWithKeyRingDjangoInterop
		implements NoBlockingCalls {

	@Override
	protected Class<?> application() {
		return ReactiveDemoApplication.class;
	}

}
