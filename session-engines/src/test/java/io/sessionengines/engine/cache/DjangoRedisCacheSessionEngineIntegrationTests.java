package io.sessionengines.engine.cache;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionDataFormat;
import io.sessionengines.session.Session;
import io.sessionengines.session.SessionKeys;
import io.sessionengines.testsupport.RedisTestSupport;
import io.sessionengines.testsupport.TypedTestValues;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.types.Expiration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CacheSessionEngine} with {@link DjangoCacheFormat} on
 * {@link RedisSessionCacheStore} against a standalone Redis server: every test of the
 * Redis cache engine, with Django's keys and unsigned JSON entries.
 *
 * @author Session Engines contributors
 */
class DjangoRedisCacheSessionEngineIntegrationTests extends RedisCacheSessionEngineIntegrationTests {

	private String cacheKeyPrefix;

	@Override
	protected String keyPrefix(String uniqueName) {
		// the unique name as the Django cache's KEY_PREFIX
		this.cacheKeyPrefix = uniqueName;
		return DjangoCacheFormat.keyPrefix(uniqueName, 1);
	}

	@Override
	protected SessionDataFormat format(Clock clock) {
		return new DjangoCacheFormat(TypedTestValues.serializer(), SessionCodec.DEFAULT_MAX_DATA_SIZE);
	}

	@Override
	protected String storedJson(String entry) {
		return entry;
	}

	@Test
	void sessionIsUnderDjangosCacheKey() {
		String key = create(data("user", "alice"));
		// Django's default KEY_FUNCTION: KEY_PREFIX:VERSION:key, with the cache engine's
		// key django.contrib.sessions.cache + session key
		String djangoKey = this.cacheKeyPrefix + ":1:django.contrib.sessions.cache" + key;
		assertThat(RedisTestSupport.keys(redis(), this.cacheKeyPrefix)).containsExactly(djangoKey);
		assertThat(redis().opsForValue().get(djangoKey)).isEqualTo("{\"user\":\"alice\"}");
	}

	@Test
	void entryDjangoWroteIsReadAndUpdatedWithoutAConflict() {
		String key = SessionKeys.generate();
		// json.dumps({"user": "alice", "n": 1}), as django-redis's JSONSerializer writes
		// it
		redis().opsForValue().set(prefix() + key, "{\"user\": \"alice\", \"n\": 1}", Duration.ofMinutes(5));
		Session session = sessions().open(key);
		assertThat(session.get("user")).isEqualTo("alice");
		session.set("n", 2);
		session.save();
		assertThat(sessions().getSaveConflicts()).isZero();
		assertThat(redis().opsForValue().get(prefix() + key)).isEqualTo("{\"user\":\"alice\",\"n\":2}");
	}

	@Test
	void entryDjangoPickledIsNoSession() {
		String key = SessionKeys.generate();
		byte[] redisKey = (prefix() + key).getBytes(StandardCharsets.UTF_8);
		// pickle.dumps({"user": "alice"}, pickle.HIGHEST_PROTOCOL): what Django's cache
		// backends store with their default serializer
		byte[] pickled = { (byte) 0x80, 5, (byte) 0x95, 19, 0, 0, 0, 0, 0, 0, 0, 125, (byte) 0x94, (byte) 0x8c, 4, 117,
				115, 101, 114, (byte) 0x94, (byte) 0x8c, 5, 97, 108, 105, 99, 101, (byte) 0x94, 115, 46 };
		redis().execute((RedisCallback<Boolean>) (connection) -> connection.stringCommands()
			.set(redisKey, pickled, Expiration.from(Duration.ofMinutes(5)), SetOption.upsert()));
		assertThat(engine().load(key)).isNull();
		Session session = sessions().open(key);
		assertThat(session.items()).isEmpty();
		assertThat(session.getSessionKey()).isNull();
	}

}
