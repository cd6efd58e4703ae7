package io.sessionengines.demo.reactive;

import io.sessionengines.demo.django.SignedCookiesEngineDjangoInterop;

/**
 * Sessions shared by Django and the reactive demo on the {@code signed_cookies} engine
 * ({@link SignedCookiesEngineDjangoInterop}), under BlockHound.
 *
 * @author Session Engines contributors
 */
class SignedCookiesEngineDjangoInteropReactiveIntegrationTests extends SignedCookiesEngineDjangoInterop
		implements NoBlockingCalls {

	@Override
	protected Class<?> application() {
		return ReactiveDemoApplication.class;
	}

}
