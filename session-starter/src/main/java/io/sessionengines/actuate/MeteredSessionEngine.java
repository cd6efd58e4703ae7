package io.sessionengines.actuate;

import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sessionengines.engine.SaveResult;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.StoredSession;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A {@link SessionEngine} that times every operation of another one in Micrometer:
 * {@value #OPERATIONS} with the tags {@code engine}, {@code operation} ({@code load},
 * {@code save}, {@code delete}, {@code clear_expired}) and {@code result} ({@code hit},
 * {@code miss}, {@code created}, {@code updated}, {@code conflict} (a compare-and-set
 * save that found the session changed by a concurrent request), {@code deleted},
 * {@code cleared}, {@code error}), so that counts, rates and latencies come from one
 * meter; and the size of every session cookie a save produces, {@value #COOKIE_SIZE} in
 * bytes.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public final class MeteredSessionEngine implements SessionEngine {

	/**
	 * The name of the timer.
	 */
	public static final String OPERATIONS = "session.engine.operations";

	/**
	 * The name of the cookie size distribution.
	 */
	public static final String COOKIE_SIZE = "session.cookie.size";

	private final SessionEngine engine;

	private final MeterRegistry registry;

	private final String engineName;

	private final DistributionSummary cookieSize;

	private final int cookieNameLength;

	/**
	 * Create a metered engine.
	 * @param engine the engine to time
	 * @param registry where to record
	 * @param engineName the engine's name, for the {@code engine} tag
	 * @param cookieName the session cookie's name, which counts in the cookie's size
	 */
	public MeteredSessionEngine(SessionEngine engine, MeterRegistry registry, String engineName, String cookieName) {
		Assert.notNull(engine, "'engine' must not be null");
		Assert.notNull(registry, "'registry' must not be null");
		Assert.hasText(engineName, "'engineName' must not be empty");
		Assert.hasText(cookieName, "'cookieName' must not be empty");
		this.engine = engine;
		this.registry = registry;
		this.engineName = engineName;
		this.cookieNameLength = cookieName.length();
		this.cookieSize = DistributionSummary.builder(COOKIE_SIZE)
			.description("Size of the session cookie, name and value")
			.baseUnit("bytes")
			.tags("engine", engineName)
			.register(registry);
	}

	@Override
	public @Nullable Map<String, @Nullable Object> load(String key) {
		return timed("load", () -> this.engine.load(key), (data) -> (data != null) ? "hit" : "miss");
	}

	@Override
	public String save(String key, Map<String, @Nullable Object> data, Instant expiresAt, boolean mustCreate) {
		String cookieValue = timed("save", () -> this.engine.save(key, data, expiresAt, mustCreate),
				(value) -> mustCreate ? "created" : "updated");
		this.cookieSize.record(this.cookieNameLength + 1 + cookieValue.length());
		return cookieValue;
	}

	@Override
	public @Nullable StoredSession loadStored(String key) {
		return timed("load", () -> this.engine.loadStored(key), (stored) -> (stored != null) ? "hit" : "miss");
	}

	@Override
	public SaveResult compareAndSave(String key, Map<String, @Nullable Object> data, Instant expiresAt,
			Object expectedVersion) {
		SaveResult result = timed("save", () -> this.engine.compareAndSave(key, data, expiresAt, expectedVersion),
				(saved) -> (saved instanceof SaveResult.Conflict) ? "conflict" : "updated");
		if (result instanceof SaveResult.Saved) {
			this.cookieSize.record(this.cookieNameLength + 1 + key.length());
		}
		return result;
	}

	@Override
	public void delete(String key) {
		timed("delete", () -> {
			this.engine.delete(key);
			return key;
		}, (value) -> "deleted");
	}

	@Override
	public OptionalLong clearExpired() {
		return timed("clear_expired", this.engine::clearExpired, (value) -> "cleared");
	}

	@Override
	public void checkAvailability() {
		this.engine.checkAvailability();
	}

	private <T> T timed(String operation, Supplier<T> action, ResultTag<T> result) {
		Timer.Sample sample = Timer.start(this.registry);
		String outcome = "error";
		try {
			T value = action.get();
			outcome = result.of(value);
			return value;
		}
		finally {
			sample.stop(Timer.builder(OPERATIONS)
				.description("Operations of the session engine")
				.tags("engine", this.engineName, "operation", operation, "result", outcome)
				.register(this.registry));
		}
	}

	@FunctionalInterface
	private interface ResultTag<T> {

		String of(@Nullable T value);

	}

}
