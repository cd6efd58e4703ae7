package com.example.sessions;

import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionCreateException;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.SessionUpdateException;
import org.jspecify.annotations.Nullable;

/**
 * A session engine of a third party, here to show what the kit asks of one: encoded
 * sessions in a map, each with its expiry date, written atomically by
 * {@link ConcurrentHashMap#compute}. It implements only {@link #load} and {@link #save},
 * so each save replaces the whole session, as in Django.
 *
 * @author Session Engines contributors
 */
final class MapSessionEngine implements SessionEngine {

	private final Map<String, Map.Entry<String, Instant>> sessions = new ConcurrentHashMap<>();

	private final SessionCodec codec;

	private final SessionExpiry expiry;

	MapSessionEngine(SessionCodec codec, SessionExpiry expiry) {
		this.codec = codec;
		this.expiry = expiry;
	}

	@Override
	public @Nullable Map<String, @Nullable Object> load(String key) {
		Map.Entry<String, Instant> entry = this.sessions.get(key);
		return isLive(entry) ? this.codec.decodeData(key, entry.getKey()) : null;
	}

	@Override
	public String save(String key, Map<String, @Nullable Object> data, Instant expiresAt, boolean mustCreate) {
		Map.Entry<String, Instant> entry = Map.entry(this.codec.encode(data), expiresAt);
		if (this.sessions.compute(key, (k, old) -> (isLive(old) != mustCreate) ? entry : old) != entry) {
			throw mustCreate ? new SessionCreateException("Session key taken")
					: new SessionUpdateException("Session gone");
		}
		return key;
	}

	@Override
	public void delete(String key) {
		this.sessions.remove(key);
	}

	@Override
	public OptionalLong clearExpired() {
		long removed = this.sessions.keySet()
			.stream()
			.filter((key) -> this.sessions.computeIfPresent(key, (k, entry) -> isLive(entry) ? entry : null) == null)
			.count();
		return OptionalLong.of(removed);
	}

	private boolean isLive(Map.@Nullable Entry<String, Instant> entry) {
		return entry != null && entry.getValue().isAfter(this.expiry.now());
	}

}
