package io.sessionengines.engine.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;

import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionCreateException;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.SessionUpdateException;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Django's {@code cache} engine: one cache entry per session, living as long as the
 * session.
 * <p>
 * Better than Django: entries hold the signed session data (tamper-evident and readable
 * by any language, unlike Django's pickles); a new session is stored only if its key is
 * free and an update only if the entry still exists, each in one atomic operation (Django
 * checks, then sets); and an unreachable cache fails the request instead of silently
 * logging everyone out.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public final class CacheSessionEngine implements SessionEngine {

	private final SessionCacheStore store;

	private final SessionCodec codec;

	private final SessionExpiry expiry;

	/**
	 * Create an engine.
	 * @param store the cache
	 * @param codec how session data is encoded in the cache
	 * @param expiry the expiry rules
	 */
	public CacheSessionEngine(SessionCacheStore store, SessionCodec codec, SessionExpiry expiry) {
		Assert.notNull(store, "'store' must not be null");
		Assert.notNull(codec, "'codec' must not be null");
		Assert.notNull(expiry, "'expiry' must not be null");
		this.store = store;
		this.codec = codec;
		this.expiry = expiry;
	}

	@Override
	public @Nullable Map<String, @Nullable Object> load(String key) {
		String token = this.store.get(key);
		return (token != null) ? this.codec.decodeData(key, token) : null;
	}

	@Override
	public String save(String key, Map<String, @Nullable Object> data, Instant expiresAt, boolean mustCreate) {
		Duration timeToLive = Duration.between(this.expiry.now(), SessionExpiry.clamp(expiresAt));
		if (timeToLive.isNegative() || timeToLive.isZero()) {
			// an expired session is not stored; an existing one is removed
			if (!mustCreate) {
				this.store.delete(key);
			}
			return key;
		}
		String token = this.codec.encode(data);
		if (mustCreate && !this.store.add(key, token, timeToLive)) {
			throw new SessionCreateException("A session with this key already exists");
		}
		if (!mustCreate && !this.store.replace(key, token, timeToLive)) {
			throw new SessionUpdateException("The session was deleted before it could be updated");
		}
		return key;
	}

	@Override
	public void delete(String key) {
		this.store.delete(key);
	}

	@Override
	public OptionalLong clearExpired() {
		return OptionalLong.empty();
	}

}
