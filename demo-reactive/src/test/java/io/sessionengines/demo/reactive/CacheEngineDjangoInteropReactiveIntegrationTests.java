package io.sessionengines.demo.reactive;

import io.sessionengines.demo.django.CacheEngineDjangoInterop;

/**
 * Sessions shared by Django and the reactive demo on the {@code cache} engine in Django's
 * form, on Redis ({@link CacheEngineDjangoInterop}), under BlockHound.
 *
 * @author Session Engines contributors
 */
class CacheEngineDjangoInteropReactiveIntegrationTests extends CacheEngineDjangoInterop implements NoBlockingCalls {

	@Override
	protected Class<?> application() {
		return ReactiveDemoApplication.class;
	}

}
