package io.sessionengines.demo.django;

import io.sessionengines.demo.DemoApplication;

/**
 * Sessions shared by Django and the servlet demo on the {@code db} engine, Django's
 * {@code django_session} table in PostgreSQL ({@link DbEngineDjangoInterop}).
 *
 * @author Session Engines contributors
 */
class DbEngineDjangoInteropIntegrationTests extends DbEngineDjangoInterop {

	@Override
	protected Class<?> application() {
		return DemoApplication.class;
	}

}
