package com.example.sessions;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionCreateException;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.SessionRow;
import io.sessionengines.engine.SessionRowStore;
import io.sessionengines.engine.SessionUpdateException;
import org.jspecify.annotations.Nullable;

/**
 * A durable store of a third party, here to show that {@code cached_db} decorates any
 * {@link SessionRowStore}, not only the {@code db} engine's table: rows in a map, each
 * written atomically by {@link ConcurrentHashMap#compute}.
 *
 * @author Session Engines contributors
 */
final class MapSessionRowStore implements SessionRowStore {

	private final Map<String, SessionRow> rows = new ConcurrentHashMap<>();

	private final SessionCodec codec;

	private final SessionExpiry expiry;

	MapSessionRowStore(SessionCodec codec, SessionExpiry expiry) {
		this.codec = codec;
		this.expiry = expiry;
	}

	@Override
	public SessionCodec format() {
		return this.codec;
	}

	@Override
	public @Nullable SessionRow loadRow(String key) {
		SessionRow row = this.rows.get(key);
		return isLive(row) ? row : null;
	}

	@Override
	public void saveRow(String key, SessionRow row, boolean mustCreate) {
		if (this.rows.compute(key, (k, old) -> (isLive(old) != mustCreate) ? row : old) != row) {
			throw mustCreate ? new SessionCreateException("Session key taken")
					: new SessionUpdateException("Session gone");
		}
	}

	@Override
	public @Nullable SessionRow compareAndSaveRow(String key, SessionRow row, String expectedData) {
		SessionRow stored = this.rows.compute(key,
				(k, old) -> (isLive(old) && old.data().equals(expectedData)) ? row : old);
		if (!isLive(stored)) {
			throw new SessionUpdateException("Session gone");
		}
		return (stored == row) ? null : stored;
	}

	@Override
	public void delete(String key) {
		this.rows.remove(key);
	}

	@Override
	public OptionalLong clearExpired() {
		long removed = this.rows.keySet()
			.stream()
			.filter((key) -> this.rows.computeIfPresent(key, (k, row) -> isLive(row) ? row : null) == null)
			.count();
		return OptionalLong.of(removed);
	}

	private boolean isLive(@Nullable SessionRow row) {
		return row != null && row.expireDate().isAfter(this.expiry.now());
	}

}
