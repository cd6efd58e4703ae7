package io.sessionengines.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that tests set and advance, so that expiry can be tested without
 * sleeping. Clocks made by {@link #withZone(ZoneId)} share the time. Thread-safe.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public final class MutableClock extends Clock {

	private final AtomicReference<Instant> instant;

	private final ZoneId zone;

	/**
	 * Create a clock in UTC.
	 * @param instant the time it shows until it is changed
	 */
	public MutableClock(Instant instant) {
		this(new AtomicReference<>(instant), ZoneOffset.UTC);
	}

	private MutableClock(AtomicReference<Instant> instant, ZoneId zone) {
		this.instant = instant;
		this.zone = zone;
	}

	/**
	 * Move the clock forward (or back, with a negative duration).
	 * @param duration how far
	 */
	public void advance(Duration duration) {
		this.instant.updateAndGet((current) -> current.plus(duration));
	}

	/**
	 * Set the time.
	 * @param instant the time
	 */
	public void setInstant(Instant instant) {
		this.instant.set(instant);
	}

	@Override
	public Instant instant() {
		return this.instant.get();
	}

	@Override
	public ZoneId getZone() {
		return this.zone;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return new MutableClock(this.instant, zone);
	}

}
