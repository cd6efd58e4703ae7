package io.sessionengines.demo.reactive;

import io.sessionengines.demo.django.DbEngineDjangoInterop;

/**
 * Sessions shared by Django and the reactive demo on the {@code db} engine, Django's
 * {@code django_session} table in PostgreSQL ({@link DbEngineDjangoInterop}), under
 * BlockHound.
 *
 * @author Session Engines contributors
 */
class DbEngineDjangoInteropReactiveIntegrationTests extends DbEngineDjangoInterop implements NoBlockingCalls {

	@Override
	protected Class<?> application() {
		return ReactiveDemoApplication.class;
	}

}
