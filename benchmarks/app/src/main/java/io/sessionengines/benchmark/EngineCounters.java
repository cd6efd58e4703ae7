package io.sessionengines.benchmark;

import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.LongAdder;

import io.sessionengines.autoconfigure.SessionEngineDecorator;
import io.sessionengines.engine.SaveResult;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.StoredSession;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Counts the session engine's loads, saves and deletes, and shows them at
 * {@code GET /bench/counters} as the harness reads counters: the round trips of the
 * variants without Actuator, and of stores the harness cannot watch from outside (H2,
 * files, the in-process cache, signed cookies). Without the starter, every count stays
 * zero. The variants with Actuator have the starter's timer instead, which the harness
 * reads too: both would count every operation twice.
 *
 * @author Session Engines contributors
 */
@RestController
@Component
@ConditionalOnMissingClass("io.micrometer.core.instrument.MeterRegistry")
class EngineCounters implements SessionEngineDecorator {

	private final LongAdder loads = new LongAdder();

	private final LongAdder saves = new LongAdder();

	private final LongAdder deletes = new LongAdder();

	@Override
	public SessionEngine decorate(SessionEngine engine) {
		return new CountingSessionEngine(engine);
	}

	@GetMapping(path = "/bench/counters", produces = MediaType.TEXT_PLAIN_VALUE)
	String counters() {
		return "engine.load=" + this.loads.sum() + "\nengine.save=" + this.saves.sum() + "\nengine.delete="
				+ this.deletes.sum() + "\n";
	}

	private final class CountingSessionEngine implements SessionEngine {

		private final SessionEngine engine;

		CountingSessionEngine(SessionEngine engine) {
			this.engine = engine;
		}

		@Override
		public @Nullable Map<String, @Nullable Object> load(String key) {
			EngineCounters.this.loads.increment();
			return this.engine.load(key);
		}

		@Override
		public @Nullable StoredSession loadStored(String key) {
			EngineCounters.this.loads.increment();
			return this.engine.loadStored(key);
		}

		@Override
		public String save(String key, Map<String, @Nullable Object> data, Instant expiresAt, boolean mustCreate) {
			EngineCounters.this.saves.increment();
			return this.engine.save(key, data, expiresAt, mustCreate);
		}

		@Override
		public SaveResult compareAndSave(String key, Map<String, @Nullable Object> data, Instant expiresAt,
				Object expectedVersion) {
			EngineCounters.this.saves.increment();
			return this.engine.compareAndSave(key, data, expiresAt, expectedVersion);
		}

		@Override
		public void delete(String key) {
			EngineCounters.this.deletes.increment();
			this.engine.delete(key);
		}

		@Override
		public OptionalLong clearExpired() {
			return this.engine.clearExpired();
		}

		@Override
		public void checkAvailability() {
			this.engine.checkAvailability();
		}

		@Override
		public boolean isKeyPayload() {
			return this.engine.isKeyPayload();
		}

	}

}
