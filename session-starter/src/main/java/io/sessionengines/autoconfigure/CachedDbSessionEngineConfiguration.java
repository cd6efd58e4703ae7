package io.sessionengines.autoconfigure;

import javax.sql.DataSource;

import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.cacheddb.CachedDbSessionEngine;
import io.sessionengines.serializer.SessionSerializer;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code cached_db} engine: the {@code db} engine on the application's
 * {@link DataSource}, read through the session cache that {@code session.cache-alias}
 * names.
 *
 * @author Session Engines contributors
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSessionEngine(SessionEngineType.CACHED_DB)
@ConditionalOnClass(JdbcTemplate.class)
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnMissingBean(SessionEngine.class)
@Import(JdbcSessionSchemaConfiguration.class)
class CachedDbSessionEngineConfiguration {

	@Bean
	CachedDbSessionEngine cachedDbSessionEngine(DataSource dataSource, SessionEngineProperties properties,
			SessionSerializer serializer, SessionExpiry expiry, BeanFactory beans) {
		if (DjangoSessionCache.isEnabled(properties)) {
			throw DjangoSessionCache.refusedByCachedDb();
		}
		SessionCodec codec = SessionSigners.storedDataCodec(properties, serializer);
		CachedDbSessionEngine engine = new CachedDbSessionEngine(
				SessionCacheStoreConfiguration.store(properties, beans),
				JdbcSessionEngines.create(dataSource, properties, codec, expiry), expiry);
		engine.setCacheEntryLifetime(properties.getCache().getCachedDbEntryLifetime());
		return engine;
	}

}
