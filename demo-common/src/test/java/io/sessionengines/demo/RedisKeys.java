package io.sessionengines.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Reads the session keys of one test class in Redis, straight from Redis: every key under
 * the class's own prefix.
 *
 * @author Session Engines contributors
 */
public final class RedisKeys {

	private final StringRedisTemplate redis;

	private final String prefix;

	public RedisKeys(StringRedisTemplate redis, String prefix) {
		this.redis = redis;
		this.prefix = prefix;
	}

	/**
	 * Return the value stored for a session.
	 * @param sessionKey the session key
	 * @return the value of {@code prefix + sessionKey}, or {@code null}
	 */
	public @Nullable String value(String sessionKey) {
		return this.redis.opsForValue().get(this.prefix + sessionKey);
	}

	/**
	 * Return the time to live of a session's key.
	 * @param sessionKey the session key
	 * @return the time to live in milliseconds; negative when the key has none or does
	 * not exist
	 */
	public long timeToLiveMillis(String sessionKey) {
		Long ttl = this.redis.getExpire(this.prefix + sessionKey, TimeUnit.MILLISECONDS);
		return (ttl != null) ? ttl : -2;
	}

	public void delete(String sessionKey) {
		this.redis.delete(this.prefix + sessionKey);
	}

	/**
	 * Return every key under the prefix, without it.
	 * @return the session keys
	 */
	public List<String> sessionKeys() {
		List<String> keys = new ArrayList<>();
		try (Cursor<String> cursor = this.redis
			.scan(ScanOptions.scanOptions().match(this.prefix + "*").count(1000).build())) {
			cursor.forEachRemaining((key) -> keys.add(key.substring(this.prefix.length())));
		}
		return keys;
	}

	/**
	 * Delete every key under the prefix.
	 */
	public void deleteAll() {
		List<String> keys = sessionKeys().stream().map((key) -> this.prefix + key).toList();
		if (!keys.isEmpty()) {
			this.redis.delete(keys);
		}
	}

}
