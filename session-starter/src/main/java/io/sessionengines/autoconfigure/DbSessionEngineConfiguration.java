package io.sessionengines.autoconfigure;

import javax.sql.DataSource;

import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.db.JdbcSessionEngine;
import io.sessionengines.serializer.SessionSerializer;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code db} engine, on the application's {@link DataSource}; its table is created or
 * checked at start-up by {@link JdbcSessionSchemaConfiguration}.
 *
 * @author Session Engines contributors
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSessionEngine(SessionEngineType.DB)
@ConditionalOnClass(JdbcTemplate.class)
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnMissingBean(SessionEngine.class)
@Import(JdbcSessionSchemaConfiguration.class)
class DbSessionEngineConfiguration {

	@Bean
	JdbcSessionEngine jdbcSessionEngine(DataSource dataSource, SessionEngineProperties properties,
			SessionSerializer serializer, SessionExpiry expiry) {
		return JdbcSessionEngines.create(dataSource, properties, SessionSigners.storedDataCodec(properties, serializer),
				expiry);
	}

}
