package io.sessionengines.engine.cache;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * An in-process {@link SessionCacheStore} on Caffeine: each entry lives as long as its
 * session, and the number of entries is bounded so that a flood of new sessions cannot
 * exhaust the heap (the least recently used are evicted first). Every write is one atomic
 * operation on the cache's map.
 * <p>
 * The {@link CacheSessionEngine} keeps session data here as its serializer reads it back
 * rather than as a token, where it can, so that a request neither parses nor verifies
 * what it loads, nor serializes and signs what it saves. Such an entry still reads as the
 * token it stands for, signed when first read as text.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public final class CaffeineSessionCacheStore implements SessionCacheStore {

	/**
	 * The longest time to live an entry gets, well within what Caffeine can hold.
	 */
	private static final Duration MAX_TIME_TO_LIVE = Duration.ofDays(365L * 100);

	private final Cache<String, Entry> cache;

	private final Ticker ticker;

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
		this.ticker = ticker;
		this.cache = Caffeine.newBuilder()
			.ticker(ticker)
			.maximumSize(maximumSize)
			// evict on the writing thread, so that a flood of new sessions cannot outrun
			// the bound
			.executor(Runnable::run)
			.expireAfter(new EntryExpiry())
			.build();
	}

	@Override
	public @Nullable String get(String key) {
		Object value = value(key);
		return (value != null) ? text(value) : null;
	}

	@Override
	public boolean add(String key, String value, Duration timeToLive) {
		return addValue(key, value, timeToLive);
	}

	@Override
	public boolean replace(String key, String value, Duration timeToLive) {
		return replaceValue(key, value, timeToLive);
	}

	@Override
	public CacheSwap compareAndSet(String key, String expected, String value, Duration timeToLive) {
		Entry replacement = entry(value, timeToLive);
		Entry now = this.cache.asMap()
			.computeIfPresent(key,
					(existingKey, existing) -> text(existing.value()).equals(expected) ? replacement : existing);
		if (now == null) {
			return CacheSwap.ABSENT;
		}
		return (now == replacement) ? CacheSwap.SWAPPED : CacheSwap.conflict(text(now.value()));
	}

	@Override
	public void set(String key, String value, Duration timeToLive) {
		this.cache.put(key, entry(value, timeToLive));
	}

	/**
	 * Return what a key holds: a token, or the {@link LiveSessionData} the
	 * {@link CacheSessionEngine} keeps here instead.
	 * @param key the session key
	 * @return the value, or {@code null} when absent or expired
	 */
	@Nullable Object value(String key) {
		Entry entry = this.cache.getIfPresent(key);
		return (entry != null) ? entry.value() : null;
	}

	boolean addValue(String key, Object value, Duration timeToLive) {
		return this.cache.asMap().putIfAbsent(key, entry(value, timeToLive)) == null;
	}

	boolean replaceValue(String key, Object value, Duration timeToLive) {
		return this.cache.asMap().computeIfPresent(key, (existingKey, existing) -> entry(value, timeToLive)) != null;
	}

	/**
	 * Store a value only if the key holds the expected one, the very same object.
	 * @param key the session key
	 * @param expected the value the key must hold
	 * @param value the new value
	 * @param timeToLive how long the entry lives from now, positive
	 * @return the value stored now, which is {@code value} if it was stored, or
	 * {@code null} when the key is absent
	 */
	@Nullable Object compareAndSetValue(String key, Object expected, Object value, Duration timeToLive) {
		Entry replacement = entry(value, timeToLive);
		Entry now = this.cache.asMap()
			.computeIfPresent(key, (existingKey, existing) -> (existing.value() == expected) ? replacement : existing);
		return (now != null) ? now.value() : null;
	}

	@Override
	public void delete(String key) {
		this.cache.invalidate(key);
	}

	@Override
	public boolean isInProcess() {
		return true;
	}

	private static String text(Object value) {
		return (value instanceof LiveSessionData live) ? live.token() : (String) value;
	}

	private Entry entry(Object value, Duration timeToLive) {
		Duration bounded = (timeToLive.compareTo(MAX_TIME_TO_LIVE) > 0) ? MAX_TIME_TO_LIVE : timeToLive;
		return new Entry(value, this.ticker.read(), bounded.toNanos());
	}

	/**
	 * A cached value (a token, or {@link LiveSessionData}) and when it expires: written
	 * at {@code writtenAt} (ticker time) to live {@code timeToLive} nanoseconds. The
	 * deadline travels with the value, so that keeping an entry unchanged in a compute
	 * keeps its expiry too.
	 */
	private record Entry(Object value, long writtenAt, long timeToLive) {

		long remainingAt(long currentTime) {
			return Math.max(0, this.timeToLive - (currentTime - this.writtenAt));
		}

	}

	private static final class EntryExpiry implements Expiry<String, Entry> {

		@Override
		public long expireAfterCreate(String key, Entry entry, long currentTime) {
			return entry.remainingAt(currentTime);
		}

		@Override
		public long expireAfterUpdate(String key, Entry entry, long currentTime, long currentDuration) {
			return entry.remainingAt(currentTime);
		}

		@Override
		public long expireAfterRead(String key, Entry entry, long currentTime, long currentDuration) {
			return currentDuration;
		}

	}

}
