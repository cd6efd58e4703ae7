package io.sessionengines.demo.django;

import io.sessionengines.demo.DemoApplication;

/**
 * Sessions shared by Django and the servlet demo on the {@code file} engine
 * ({@link FileEngineDjangoInterop}).
 *
 * @author Session Engines contributors
 */
class FileEngineDjangoInteropIntegrationTests extends FileEngineDjangoInterop {

	@Override
	protected Class<?> application() {
		return DemoApplication.class;
	}

}
