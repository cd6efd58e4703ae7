package io.sessionengines.demo.django;

import io.sessionengines.demo.DemoApplication;

/**
 * Sessions shared by Django and the servlet demo on the {@code cache} engine in Django's
 * form, on Redis ({@link CacheEngineDjangoInterop}).
 *
 * @author Session Engines contributors
 */
class CacheEngineDjangoInteropIntegrationTests extends CacheEngineDjangoInterop {

	@Override
	protected Class<?> application() {
		return DemoApplication.class;
	}

}
