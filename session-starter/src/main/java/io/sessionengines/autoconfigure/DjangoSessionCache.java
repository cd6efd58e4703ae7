package io.sessionengines.autoconfigure;

import io.sessionengines.engine.cache.DjangoCacheFormat;
import io.sessionengines.serializer.JsonSessionSerializer;
import io.sessionengines.serializer.SessionSerializer;

/**
 * The cache engine's Django form ({@code session.django.cache.*}): sessions under
 * Django's cache keys as unsigned JSON, in the Redis that a Django application's cache
 * uses; refused at start-up where it cannot work.
 *
 * @author Session Engines contributors
 */
final class DjangoSessionCache {

	private static final String PROPERTY = "session.django.cache.enabled";

	private DjangoSessionCache() {
	}

	static boolean isEnabled(SessionEngineProperties properties) {
		return properties.getDjango().getCache().isEnabled();
	}

	/**
	 * Return the start of every session's Redis key: Django's
	 * {@code KEY_PREFIX:VERSION:django.contrib.sessions.cache}.
	 * @param properties the properties
	 * @return the key prefix
	 */
	static String redisKeyPrefix(SessionEngineProperties properties) {
		SessionEngineProperties.Django.Cache django = properties.getDjango().getCache();
		return DjangoCacheFormat.keyPrefix(django.getKeyPrefix(), django.getVersion());
	}

	/**
	 * Return the cache engine's entry format in Django's form.
	 * @param properties the properties
	 * @param serializer the session serializer
	 * @return the format
	 * @throws SessionConfigurationException if the cache is not Redis or the serializer
	 * does not write JSON
	 */
	static DjangoCacheFormat format(SessionEngineProperties properties, SessionSerializer serializer) {
		String alias = properties.getCacheAlias();
		if (!SessionCacheStoreConfiguration.REDIS.equals(alias)) {
			throw new SessionConfigurationException(PROPERTY + " shares sessions with a Django application through "
					+ "the Redis its cache uses, but session.cache-alias is '" + alias + "', "
					+ (SessionCacheStoreConfiguration.MEMORY.equals(alias)
							? "an in-process cache that no other program reads."
							: "a SessionCacheStore of the application, whose keys the starter does not choose."),
					"Set session.cache-alias=redis and point spring.data.redis.* at the Redis of the Django cache, "
							+ "or turn " + PROPERTY + " off. With a store of your own, define the CacheSessionEngine "
							+ "bean with a DjangoCacheFormat and keys that start with DjangoCacheFormat.keyPrefix.");
		}
		if (properties.getEncryption().isEnabled()) {
			throw new SessionConfigurationException(PROPERTY + " stores sessions as the plain JSON that a Django "
					+ "cache reads, but session.encryption.enabled asks for them to be encrypted, which Django "
					+ "cannot read.", "Turn one of " + PROPERTY + " and session.encryption.enabled off.");
		}
		if (!(serializer instanceof JsonSessionSerializer json)) {
			throw new SessionConfigurationException(
					PROPERTY + " stores sessions as the JSON that a Django "
							+ "cache reads, but the session serializer is " + serializer.getClass().getName() + ".",
					"Set session.serializer=json (the default), or turn " + PROPERTY + " off.");
		}
		return new DjangoCacheFormat(json, SessionSigners.maxDataSize(properties));
	}

	/**
	 * Return why the {@code cached_db} engine refuses the Django form.
	 * @return the failure
	 */
	static SessionConfigurationException refusedByCachedDb() {
		return new SessionConfigurationException(
				PROPERTY + " applies to the 'cache' engine only; the 'cached_db' "
						+ "engine's cache cannot be shared with Django's cached_db, whose cached copies live until the "
						+ "session expires and are written back without regard to this application's writes, so Django "
						+ "could serve data older than what this application saved to the database.",
				"Use session.engine=cache with a Django application on the 'cache' engine, or share the "
						+ "django_session table with a Django application on the 'db' engine, and turn " + PROPERTY
						+ " off.");
	}

}
