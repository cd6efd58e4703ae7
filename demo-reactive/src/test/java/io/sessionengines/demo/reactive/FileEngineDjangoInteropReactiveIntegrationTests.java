package io.sessionengines.demo.reactive;

import io.sessionengines.demo.django.FileEngineDjangoInterop;

/**
 * Sessions shared by Django and the reactive demo on the {@code file} engine
 * ({@link FileEngineDjangoInterop}), under BlockHound.
 *
 * @author Session Engines contributors
 */
class FileEngineDjangoInteropReactiveIntegrationTests extends FileEngineDjangoInterop implements NoBlockingCalls {

	@Override
	protected Class<?> application() {
		return ReactiveDemoApplication.class;
	}

}
