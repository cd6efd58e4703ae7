package io.sessionengines.engine.cache;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.sessionengines.engine.SessionDataFormat;
import io.sessionengines.engine.SessionDataTooLargeException;
import io.sessionengines.engine.SessionKeyHash;
import io.sessionengines.serializer.JsonSessionSerializer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Sessions as Django's {@code cache} engine keeps them in a cache that a Django
 * application shares: the session data as plain JSON, under Django's cache key.
 * <p>
 * Django's engine stores the session dict through the cache backend's own serializer.
 * With django-redis's {@code JSONSerializer}, or Django's {@code RedisCache} with the
 * JSON serializer shipped in {@code docs/django/session_engines_json.py}, that is UTF-8
 * JSON, which this format reads (any JSON object; non-ASCII characters raw or escaped)
 * and writes (the compact JSON of {@link JsonSessionSerializer}, every non-ASCII
 * character escaped, which Python's {@code json.loads} reads). Never pickle.
 * <p>
 * The entries are not signed, since Django trusts its cache: whoever can write to it can
 * set any session's data. What is read is still treated as hostile input: an entry that
 * is larger than the bound, not JSON, not a JSON object, too deeply nested, or that names
 * a typed value's class the serializer does not allow reads as no data, and no class
 * outside the serializer's allow-list is ever instantiated.
 * <p>
 * Django's default {@code KEY_FUNCTION} makes the key
 * {@code KEY_PREFIX:VERSION:django.contrib.sessions.cache<session key>};
 * {@link #keyPrefix(String, int)} is everything before the session key, for a store's key
 * prefix.
 *
 * @author Session Engines contributors
 * @since 0.3.0
 */
public final class DjangoCacheFormat implements SessionDataFormat {

	/**
	 * The start of the key Django's {@code cache} engine asks its cache for (its
	 * {@code cache_key_prefix}), before the cache's key function adds its own prefix.
	 */
	public static final String SESSION_KEY_PREFIX = "django.contrib.sessions.cache";

	private static final Log logger = LogFactory.getLog(DjangoCacheFormat.class);

	private final JsonSessionSerializer serializer;

	private final int maxDataSize;

	/**
	 * Create a format.
	 * @param serializer the serializer, whose rules decide which typed values are read
	 * back
	 * @param maxDataSize the largest JSON, in characters, that is written or read; a
	 * larger entry reads as no data
	 */
	public DjangoCacheFormat(JsonSessionSerializer serializer, int maxDataSize) {
		Assert.notNull(serializer, "'serializer' must not be null");
		Assert.isTrue(maxDataSize > 0, "'maxDataSize' must be positive");
		this.serializer = serializer;
		this.maxDataSize = maxDataSize;
	}

	/**
	 * Return the start of every session's key in a Django cache with Django's default
	 * {@code KEY_FUNCTION}: {@code KEY_PREFIX:VERSION:django.contrib.sessions.cache}.
	 * @param cacheKeyPrefix the cache's {@code KEY_PREFIX} ({@code ""} by default)
	 * @param version the cache's {@code VERSION} ({@code 1} by default)
	 * @return the start of the key, to which the session key is appended
	 */
	public static String keyPrefix(String cacheKeyPrefix, int version) {
		Assert.notNull(cacheKeyPrefix, "'cacheKeyPrefix' must not be null");
		return cacheKeyPrefix + ":" + version + ":" + SESSION_KEY_PREFIX;
	}

	@Override
	public String encode(Map<String, @Nullable Object> data) {
		byte[] json = this.serializer.serialize(data);
		if (json.length > this.maxDataSize) {
			throw new SessionDataTooLargeException(json.length, this.maxDataSize);
		}
		// the serializer escapes every character beyond ASCII
		return new String(json, StandardCharsets.US_ASCII);
	}

	@Override
	public @Nullable Map<String, @Nullable Object> decodeData(String key, String encoded) {
		if (encoded.length() > this.maxDataSize) {
			logger.warn("Session data in the cache unreadable (session " + SessionKeyHash.of(key) + "): "
					+ encoded.length() + " characters, over the limit of " + this.maxDataSize);
			return null;
		}
		try {
			return this.serializer.deserialize(ascii(encoded));
		}
		catch (RuntimeException ex) {
			// no signature vouches for the entry, so whatever it holds must not fail the
			// request
			logger.warn("Session data in the cache unreadable (session " + SessionKeyHash.of(key) + "): "
					+ ex.getMessage());
			return null;
		}
	}

	/**
	 * Return the JSON as ASCII bytes, as the serializer reads them: each character beyond
	 * ASCII escaped as JSON escapes it, which means the same character inside a string
	 * and is as invalid as the raw character outside one.
	 */
	private static byte[] ascii(String json) {
		if (json.chars().allMatch((c) -> c < 0x80)) {
			return json.getBytes(StandardCharsets.US_ASCII);
		}
		StringBuilder escaped = new StringBuilder(json.length() + 16);
		for (int i = 0; i < json.length(); i++) {
			char c = json.charAt(i);
			if (c < 0x80) {
				escaped.append(c);
			}
			else {
				escaped.append(String.format("\\u%04x", (int) c));
			}
		}
		return escaped.toString().getBytes(StandardCharsets.US_ASCII);
	}

}
