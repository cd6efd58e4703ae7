package io.sessionengines.autoconfigure;

import javax.sql.DataSource;

import io.sessionengines.engine.db.SchemaScript;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The session table of the {@code db} and {@code cached_db} engines, created at start-up
 * by Spring Boot's database initialization as {@code session.db.initialize-schema} says,
 * or checked, before the engine is created.
 *
 * @author Session Engines contributors
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(DataSourceScriptDatabaseInitializer.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
class JdbcSessionSchemaConfiguration {

	@Bean
	SessionSchemaInitializer sessionTableSchemaInitializer(DataSource dataSource, SessionEngineProperties properties) {
		SessionEngineProperties.Db db = properties.getDb();
		return new SessionSchemaInitializer(dataSource, SchemaScript.sessionTable(db.getTable()), db.getSchema(),
				db.getInitializeSchema(), "session table '" + db.getTable() + "'");
	}

}
