package io.sessionengines.engine.cache;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Policy.VarExpiration;
import com.github.benmanes.caffeine.cache.Ticker;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * An in-process {@link SessionCacheStore} on Caffeine: each entry lives as long as its
 * session, and the number of entries is bounded so that a flood of new sessions cannot
 * exhaust the heap (the least recently used are evicted first).
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public final class CaffeineSessionCacheStore implements SessionCacheStore {

	private final Cache<String, String> cache;

	private final VarExpiration<String, String> expiration;

	/**
	 * Create a store.
	 * @param maximumSize the most sessions it holds
	 */
	public CaffeineSessionCacheStore(long maximumSize) {
		this(maximumSize, Ticker.systemTicker());
	}

	/**
	 * Create a store that reads time from the given ticker.
	 * @param maximumSize the most sessions it holds
	 * @param ticker the time source for expiry
	 */
	public CaffeineSessionCacheStore(long maximumSize, Ticker ticker) {
		Assert.isTrue(maximumSize > 0, "'maximumSize' must be positive");
		Assert.notNull(ticker, "'ticker' must not be null");
		this.cache = Caffeine.newBuilder()
			.ticker(ticker)
			.maximumSize(maximumSize)
			// evict on the writing thread, so that a flood of new sessions cannot outrun
			// the bound
			.executor(Runnable::run)
			.expireAfter(Expiry.<String, String>creating((key, value) -> Duration.ZERO))
			.build();
		this.expiration = this.cache.policy()
			.expireVariably()
			.orElseThrow(() -> new IllegalStateException("Caffeine cache without variable expiry"));
	}

	@Override
	public @Nullable String get(String key) {
		return this.cache.getIfPresent(key);
	}

	@Override
	public boolean add(String key, String value, Duration timeToLive) {
		return this.expiration.putIfAbsent(key, value, timeToLive) == null;
	}

	@Override
	public boolean replace(String key, String value, Duration timeToLive) {
		return this.expiration.compute(key, (existingKey, existing) -> (existing != null) ? value : null,
				timeToLive) != null;
	}

	@Override
	public void set(String key, String value, Duration timeToLive) {
		this.expiration.put(key, value, timeToLive);
	}

	@Override
	public void delete(String key) {
		this.cache.invalidate(key);
	}

}
