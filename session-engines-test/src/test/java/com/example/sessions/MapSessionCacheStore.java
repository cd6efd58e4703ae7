package com.example.sessions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.sessionengines.engine.cache.SessionCacheStore;
import org.jspecify.annotations.Nullable;

/**
 * A cache store of a third party, here to show what the kit asks of one: entries in a
 * map, each with its deadline on a clock, written atomically by
 * {@link ConcurrentHashMap#compute}. It keeps the default compare-and-set, which is not
 * atomic, so the kit does not race it.
 *
 * @author Session Engines contributors
 */
final class MapSessionCacheStore implements SessionCacheStore {

	private final Map<String, Map.Entry<String, Instant>> entries = new ConcurrentHashMap<>();

	private final Clock clock;

	MapSessionCacheStore(Clock clock) {
		this.clock = clock;
	}

	@Override
	public @Nullable String get(String key) {
		return live(this.entries.get(key));
	}

	@Override
	public boolean add(String key, String value, Duration timeToLive) {
		return write(key, value, timeToLive, false);
	}

	@Override
	public boolean replace(String key, String value, Duration timeToLive) {
		return write(key, value, timeToLive, true);
	}

	@Override
	public void set(String key, String value, Duration timeToLive) {
		write(key, value, timeToLive, null);
	}

	@Override
	public void delete(String key) {
		this.entries.remove(key);
	}

	private @Nullable String live(Map.@Nullable Entry<String, Instant> entry) {
		return (entry != null && entry.getValue().isAfter(this.clock.instant())) ? entry.getKey() : null;
	}

	/**
	 * Store a value if the key is present ({@code true}), absent ({@code false}) or
	 * either.
	 */
	private boolean write(String key, String value, Duration timeToLive, @Nullable Boolean present) {
		Map.Entry<String, Instant> entry = Map.entry(value, this.clock.instant().plus(timeToLive));
		return this.entries.compute(key,
				(k, old) -> (present == null || present == (live(old) != null)) ? entry : old) == entry;
	}

}
