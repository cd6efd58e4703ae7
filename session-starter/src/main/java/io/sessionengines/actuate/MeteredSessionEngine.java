package io.sessionengines.actuate;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Clock;
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

	private static final String ERROR = "error";

	private final SessionEngine engine;

	private final Clock clock;

	// one timer per operation and result, registered once: a look-up in the registry
	// per call would cost more than many an operation it times
	private final Map<String, Timer> loadTimers;

	private final Map<String, Timer> saveTimers;

	private final Map<String, Timer> deleteTimers;

	private final Map<String, Timer> clearExpiredTimers;

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
		this.clock = registry.config().clock();
		this.loadTimers = timers(registry, engineName, "load", "hit", "miss");
		this.saveTimers = timers(registry, engineName, "save", "created", "updated", "conflict");
		this.deleteTimers = timers(registry, engineName, "delete", "deleted");
		this.clearExpiredTimers = timers(registry, engineName, "clear_expired", "cleared");
		this.cookieNameLength = cookieName.length();
		this.cookieSize = DistributionSummary.builder(COOKIE_SIZE)
			.description("Size of the session cookie, name and value")
			.baseUnit("bytes")
			.tags("engine", engineName)
			.register(registry);
	}

	@Override
	public @Nullable Map<String, @Nullable Object> load(String key) {
		return timed(this.loadTimers, () -> this.engine.load(key), (data) -> (data != null) ? "hit" : "miss");
	}

	@Override
	public String save(String key, Map<String, @Nullable Object> data, Instant expiresAt, boolean mustCreate) {
		String cookieValue = timed(this.saveTimers, () -> this.engine.save(key, data, expiresAt, mustCreate),
				(value) -> mustCreate ? "created" : "updated");
		this.cookieSize.record(this.cookieNameLength + 1 + cookieValue.length());
		return cookieValue;
	}

	@Override
	public @Nullable StoredSession loadStored(String key) {
		return timed(this.loadTimers, () -> this.engine.loadStored(key), (stored) -> (stored != null) ? "hit" : "miss");
	}

	@Override
	public SaveResult compareAndSave(String key, Map<String, @Nullable Object> data, Instant expiresAt,
			Object expectedVersion) {
		SaveResult result = timed(this.saveTimers,
				() -> this.engine.compareAndSave(key, data, expiresAt, expectedVersion),
				(saved) -> (saved instanceof SaveResult.Conflict) ? "conflict" : "updated");
		if (result instanceof SaveResult.Saved) {
			this.cookieSize.record(this.cookieNameLength + 1 + key.length());
		}
		return result;
	}

	@Override
	public void delete(String key) {
		timed(this.deleteTimers, () -> {
			this.engine.delete(key);
			return key;
		}, (value) -> "deleted");
	}

	@Override
	public OptionalLong clearExpired() {
		return timed(this.clearExpiredTimers, this.engine::clearExpired, (value) -> "cleared");
	}

	@Override
	public void checkAvailability() {
		this.engine.checkAvailability();
	}

	@Override
	public boolean isKeyPayload() {
		return this.engine.isKeyPayload();
	}

	private static Map<String, Timer> timers(MeterRegistry registry, String engineName, String operation,
			String... results) {
		Map<String, Timer> timers = new HashMap<>();
		for (String result : results) {
			timers.put(result, timer(registry, engineName, operation, result));
		}
		timers.put(ERROR, timer(registry, engineName, operation, ERROR));
		return Map.copyOf(timers);
	}

	private static Timer timer(MeterRegistry registry, String engineName, String operation, String result) {
		return Timer.builder(OPERATIONS)
			.description("Operations of the session engine")
			.tags("engine", engineName, "operation", operation, "result", result)
			.register(registry);
	}

	private <T> T timed(Map<String, Timer> timers, Supplier<T> action, ResultTag<T> result) {
		long start = this.clock.monotonicTime();
		String outcome = ERROR;
		try {
			T value = action.get();
			outcome = result.of(value);
			return value;
		}
		finally {
			Timer timer = Objects.requireNonNull(timers.get(outcome), "Every outcome has a timer");
			timer.record(this.clock.monotonicTime() - start, TimeUnit.NANOSECONDS);
		}
	}

	@FunctionalInterface
	private interface ResultTag<T> {

		String of(@Nullable T value);

	}

}
