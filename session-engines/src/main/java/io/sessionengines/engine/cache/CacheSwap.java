package io.sessionengines.engine.cache;

import org.jspecify.annotations.Nullable;

/**
 * What a compare-and-set on a {@link SessionCacheStore} did.
 *
 * @param swapped whether the new value was stored
 * @param current when nothing was stored, the value the key holds instead of the expected
 * one, or {@code null} when the key is absent
 * @author Session Engines contributors
 * @since 0.2.0
 */
public record CacheSwap(boolean swapped, @Nullable String current) {

	/**
	 * The new value was stored.
	 */
	public static final CacheSwap SWAPPED = new CacheSwap(true, null);

	/**
	 * Nothing was stored: the key is absent.
	 */
	public static final CacheSwap ABSENT = new CacheSwap(false, null);

	/**
	 * Return that nothing was stored because the key holds another value.
	 * @param current the value the key holds
	 * @return the result
	 */
	public static CacheSwap conflict(String current) {
		return new CacheSwap(false, current);
	}

}
