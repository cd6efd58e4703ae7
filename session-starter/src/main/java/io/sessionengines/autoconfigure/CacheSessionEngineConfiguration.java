package io.sessionengines.autoconfigure;

import io.sessionengines.engine.SessionDataFormat;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.cache.CacheSessionEngine;
import io.sessionengines.serializer.SessionSerializer;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code cache} engine, on the session cache that {@code session.cache-alias} names:
 * signed entries, or with {@code session.django.cache.enabled} Django's unsigned JSON.
 *
 * @author Session Engines contributors
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSessionEngine(SessionEngineType.CACHE)
@ConditionalOnMissingBean(SessionEngine.class)
class CacheSessionEngineConfiguration {

	@Bean
	CacheSessionEngine cacheSessionEngine(SessionEngineProperties properties, SessionSerializer serializer,
			SessionExpiry expiry, BeanFactory beans) {
		SessionDataFormat format = DjangoSessionCache.isEnabled(properties)
				? DjangoSessionCache.format(properties, serializer)
				: SessionSigners.storedDataCodec(properties, serializer);
		return new CacheSessionEngine(SessionCacheStoreConfiguration.store(properties, beans), format, expiry);
	}

}
