package io.sessionengines.autoconfigure;

import java.util.Set;

import io.sessionengines.engine.SessionEngine;
import io.sessionengines.registry.SessionRegistryStore;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitializationDetector;

/**
 * A {@link DependsOnDatabaseInitializationDetector} for the session engines and the
 * session registry's stores, so that they are created after the tables they use (by
 * {@link SessionSchemaInitializer}, or by the application's own database initialization).
 *
 * @author Session Engines contributors
 */
class SessionStoresDependOnDatabaseInitializationDetector
		extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

	@Override
	protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
		return Set.of(SessionEngine.class, SessionRegistryStore.class);
	}

}
