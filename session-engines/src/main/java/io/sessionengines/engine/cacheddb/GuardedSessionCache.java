package io.sessionengines.engine.cacheddb;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.cache.CacheSwap;
import io.sessionengines.engine.cache.SessionCacheStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The cache of a {@link CachedDbSessionEngine}, behind a circuit breaker: after a cache
 * operation fails, the cache is skipped for the retry interval, then one request tries it
 * again while the others keep skipping it. A request thus waits for a failing cache at
 * most once per retry interval, and during an outage the database serves alone.
 * <p>
 * A key whose cached copy may be out of date, because removing or replacing it failed or
 * was skipped, is remembered as stale: it is never read from the cache, and before the
 * cache is used again the stale copies are removed from it, a hundred at most per cache
 * call, so that neither this instance nor another one serves them. At most
 * {@link #MAXIMUM_STALE_KEYS} keys are remembered, and only in this process.
 *
 * @author Session Engines contributors
 */
final class GuardedSessionCache {

	/**
	 * Most keys remembered as stale.
	 */
	static final int MAXIMUM_STALE_KEYS = 100_000;

	/**
	 * Most stale copies one cache call removes.
	 */
	static final int REMOVALS_PER_REQUEST = 100;

	private static final Log logger = LogFactory.getLog(CachedDbSessionEngine.class);

	private final SessionCacheStore store;

	private final SessionExpiry expiry;

	private volatile Duration retryInterval;

	private final Set<String> stale = ConcurrentHashMap.newKeySet();

	private final AtomicBoolean probing = new AtomicBoolean();

	private final AtomicBoolean overflowReported = new AtomicBoolean();

	private volatile @Nullable Instant openedAt;

	GuardedSessionCache(SessionCacheStore store, SessionExpiry expiry, Duration retryInterval) {
		this.store = store;
		this.expiry = expiry;
		this.retryInterval = retryInterval;
	}

	void setRetryInterval(Duration retryInterval) {
		this.retryInterval = retryInterval;
	}

	/**
	 * Return the cached copy, or {@code null} when there is none, it may be stale, or the
	 * cache is skipped or fails.
	 * @param key the session key
	 * @return the cached copy, or {@code null}
	 */
	@Nullable String get(String key) {
		if (!acquire() || this.stale.contains(key)) {
			return null;
		}
		try {
			return this.store.get(key);
		}
		catch (RuntimeException ex) {
			failed("read", ex);
			return null;
		}
	}

	/**
	 * Cache the data the database holds now, unless the cache is skipped; when the cache
	 * fails, make sure that whatever it holds is not served.
	 * @param key the session key
	 * @param value the data the database holds
	 * @param timeToLive how long the copy stays cached
	 */
	void set(String key, String value, Duration timeToLive) {
		if (!acquire()) {
			return;
		}
		try {
			this.store.set(key, value, timeToLive);
			this.stale.remove(key);
		}
		catch (RuntimeException ex) {
			markStale(key);
			failed("write", ex);
		}
	}

	/**
	 * Put a placeholder in the cache, only if the key is absent, before the database is
	 * read on a miss; only a copy that replaces it can then be cached ({@link #swap}), so
	 * a save or delete meanwhile, which removes it, keeps an older copy out of the cache.
	 * @param key the session key
	 * @param placeholder the placeholder to put
	 * @param timeToLive how long the placeholder stays cached
	 * @return the placeholder, or {@code null} when the key is present, may be stale, or
	 * the cache is skipped or fails
	 */
	@Nullable String lease(String key, String placeholder, Duration timeToLive) {
		if (!acquire() || this.stale.contains(key)) {
			return null;
		}
		try {
			return this.store.add(key, placeholder, timeToLive) ? placeholder : null;
		}
		catch (RuntimeException ex) {
			failed("write", ex);
			return null;
		}
	}

	/**
	 * Cache a new copy only if the cache holds the one it replaces; when it holds another
	 * one, remove that, so that only the database serves the key until it is cached
	 * again; when the cache is skipped or fails, make sure that whatever it holds is not
	 * served.
	 * @param key the session key
	 * @param expected the copy (or placeholder) the new copy replaces
	 * @param value the new copy
	 * @param timeToLive how long the new copy stays cached
	 */
	void swap(String key, String expected, String value, Duration timeToLive) {
		if (!acquire()) {
			markStale(key);
			return;
		}
		try {
			CacheSwap swap = this.store.compareAndSet(key, expected, value, timeToLive);
			if (!swap.swapped() && swap.current() != null) {
				this.store.delete(key);
			}
			this.stale.remove(key);
		}
		catch (RuntimeException ex) {
			markStale(key);
			failed("write", ex);
		}
	}

	/**
	 * Remove the cached copy; when the cache is skipped or fails, remember to remove it
	 * before the cache is used again.
	 * @param key the session key
	 */
	void delete(String key) {
		if (!acquire()) {
			markStale(key);
			return;
		}
		try {
			this.store.delete(key);
		}
		catch (RuntimeException ex) {
			markStale(key);
			failed("delete", ex);
		}
	}

	private boolean acquire() {
		Instant opened = this.openedAt;
		if (opened == null) {
			return true;
		}
		Duration elapsed = Duration.between(opened, this.expiry.now());
		if (!elapsed.isNegative() && elapsed.compareTo(this.retryInterval) < 0) {
			return false;
		}
		if (!this.probing.compareAndSet(false, true)) {
			return false;
		}
		try {
			return removeStaleCopies() && close(opened);
		}
		finally {
			this.probing.set(false);
		}
	}

	private boolean removeStaleCopies() {
		Iterator<String> keys = this.stale.iterator();
		for (int removed = 0; keys.hasNext() && removed < REMOVALS_PER_REQUEST; removed++) {
			String key = keys.next();
			try {
				this.store.delete(key);
				keys.remove();
			}
			catch (RuntimeException ex) {
				failed("delete", ex);
				return false;
			}
		}
		return this.stale.isEmpty();
	}

	private boolean close(Instant opened) {
		if (this.openedAt != opened) {
			// failed again meanwhile
			return false;
		}
		this.openedAt = null;
		this.overflowReported.set(false);
		logger.info("Session cache works again; reads use it again");
		return true;
	}

	private void markStale(String key) {
		if (this.stale.size() < MAXIMUM_STALE_KEYS) {
			this.stale.add(key);
		}
		else if (this.overflowReported.compareAndSet(false, true)) {
			logger.error("More than " + MAXIMUM_STALE_KEYS + " sessions changed while the session cache failed; "
					+ "the cache may serve old data for some of them until they expire");
		}
	}

	private void failed(String operation, RuntimeException ex) {
		boolean wasClosed = this.openedAt == null;
		this.openedAt = this.expiry.now();
		logger.error("Session cache " + operation + " failed; using the database alone"
				+ (wasClosed ? " for the next " + this.retryInterval.toMillis() + " ms" : "") + ": " + ex.getMessage());
	}

}
