package io.sessionengines.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Django's expiry rules, in one place for the session and every engine.
 * <p>
 * A session's custom expiry is stored in its data under {@value #EXPIRY_KEY}, as Django
 * stores it: a number of seconds ({@code 0} means "until the browser closes", a positive
 * number means that many seconds after the last save) or an ISO-8601 date-time string.
 * Without a custom expiry a session lives for the cookie age after its last save.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public final class SessionExpiry {

	/**
	 * The session key under which a custom expiry is stored.
	 */
	public static final String EXPIRY_KEY = "_session_expiry";

	/**
	 * The latest expiry date: every store (a MariaDB {@code DATETIME}, a PostgreSQL
	 * {@code timestamptz}, a cookie's {@code Expires}, Python's {@code datetime}) can
	 * hold it, and later ones are clamped to it.
	 */
	public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

	/**
	 * The earliest expiry date: earlier ones are clamped to it. Any date this early has
	 * passed, so clamping never revives a session.
	 */
	public static final Instant EARLIEST = Instant.EPOCH;

	private static final DateTimeFormatter SECONDS_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

	private final Duration cookieAge;

	private final boolean expireAtBrowserClose;

	private final Clock clock;

	/**
	 * Create the expiry rules.
	 * @param cookieAge how long a session lives after its last save (Django's
	 * {@code SESSION_COOKIE_AGE})
	 * @param expireAtBrowserClose whether sessions without a custom expiry use
	 * browser-length cookies (Django's {@code SESSION_EXPIRE_AT_BROWSER_CLOSE})
	 * @param clock the clock
	 */
	public SessionExpiry(Duration cookieAge, boolean expireAtBrowserClose, Clock clock) {
		Assert.notNull(cookieAge, "'cookieAge' must not be null");
		Assert.isTrue(!cookieAge.isNegative() && !cookieAge.isZero(), "'cookieAge' must be positive");
		Assert.notNull(clock, "'clock' must not be null");
		this.cookieAge = cookieAge;
		this.expireAtBrowserClose = expireAtBrowserClose;
		this.clock = clock;
	}

	/**
	 * Return how long a session lives after its last save without a custom expiry.
	 * @return the cookie age
	 */
	public Duration getCookieAge() {
		return this.cookieAge;
	}

	/**
	 * Return the current time on this policy's clock.
	 * @return now
	 */
	public Instant now() {
		return this.clock.instant();
	}

	/**
	 * Return the seconds a session has left, as Django's {@code get_expiry_age}: the
	 * stored number itself, the whole seconds until a stored date (rounded down, possibly
	 * negative), or the cookie age. Unlike Django, the age never reaches past
	 * {@link #LATEST} or before {@link #EARLIEST}, so that it agrees with
	 * {@link #date(Object, Instant)} and no stored value, however large, overflows.
	 * @param storedExpiry the value stored under {@value #EXPIRY_KEY}, or {@code null}
	 * @param modification the time of the save the age is counted from
	 * @return the age in seconds
	 */
	public long age(@Nullable Object storedExpiry, Instant modification) {
		Instant base = clamp(modification);
		if (storedExpiry instanceof Number seconds && seconds.doubleValue() != 0) {
			return clampedSeconds(seconds, base);
		}
		Instant date = parseDate(storedExpiry);
		if (date != null) {
			return secondsBetween(base, clamp(date));
		}
		return clampedSeconds(this.cookieAge.toSeconds(), base);
	}

	/**
	 * Return when a session expires, as Django's {@code get_expiry_date}: the stored
	 * date, or the stored number of seconds (the cookie age when none or zero) after the
	 * save. The date is clamped to {@link #EARLIEST} .. {@link #LATEST}, so that every
	 * store can hold it; a number that is not a number ({@code NaN}) expires the session
	 * at once.
	 * @param storedExpiry the value stored under {@value #EXPIRY_KEY}, or {@code null}
	 * @param modification the time of the save the expiry is counted from
	 * @return the expiry date
	 */
	public Instant date(@Nullable Object storedExpiry, Instant modification) {
		Instant base = clamp(modification);
		Instant date = parseDate(storedExpiry);
		if (date != null) {
			return clamp(date);
		}
		if (storedExpiry instanceof Number seconds && seconds.doubleValue() != 0) {
			double millis = seconds.doubleValue() * 1000;
			if (Double.isNaN(millis)) {
				return base;
			}
			if (millis >= LATEST.toEpochMilli() - base.toEpochMilli()) {
				return LATEST;
			}
			return (millis <= EARLIEST.toEpochMilli() - base.toEpochMilli()) ? EARLIEST
					: base.plusMillis((long) millis);
		}
		return plus(base, this.cookieAge);
	}

	/**
	 * Return whether the cookie lasts only until the browser closes, as Django's
	 * {@code get_expire_at_browser_close}.
	 * @param storedExpiry the value stored under {@value #EXPIRY_KEY}, or {@code null}
	 * @return whether the cookie is a browser-session cookie
	 */
	public boolean expiresAtBrowserClose(@Nullable Object storedExpiry) {
		if (storedExpiry == null) {
			return this.expireAtBrowserClose;
		}
		return storedExpiry instanceof Number seconds && seconds.doubleValue() == 0;
	}

	/**
	 * Clamp a date to what every store can hold: {@link #EARLIEST} .. {@link #LATEST}.
	 * @param date the date
	 * @return the date, or the nearest bound
	 */
	public static Instant clamp(Instant date) {
		Assert.notNull(date, "'date' must not be null");
		if (date.isAfter(LATEST)) {
			return LATEST;
		}
		return date.isBefore(EARLIEST) ? EARLIEST : date;
	}

	/**
	 * Add a duration to a date without overflowing: the result is clamped as
	 * {@link #clamp(Instant)} does, however large the duration.
	 * @param date the date
	 * @param amount the duration to add, possibly negative
	 * @return the clamped sum
	 */
	public static Instant plus(Instant date, Duration amount) {
		Assert.notNull(amount, "'amount' must not be null");
		Instant base = clamp(date);
		if (amount.compareTo(span(base, LATEST)) >= 0) {
			return LATEST;
		}
		return (amount.compareTo(span(base, EARLIEST)) <= 0) ? EARLIEST : base.plus(amount);
	}

	/**
	 * Return the time from one instant to another without overflow: unlike
	 * {@code Duration.between}, which counts in nanoseconds first and, past 292 years,
	 * throws and catches an exception inside, on every call that spans to
	 * {@link #LATEST}.
	 */
	private static Duration span(Instant from, Instant to) {
		return Duration.ofSeconds(to.getEpochSecond() - from.getEpochSecond(), (long) to.getNano() - from.getNano());
	}

	/**
	 * Format a date as Django stores a custom expiry: Python's {@code isoformat()} in
	 * UTC, with microseconds only when there are any.
	 * @param date the date
	 * @return the ISO-8601 string, such as {@code 2026-11-21T00:30:09.369000+00:00}
	 */
	public static String format(Instant date) {
		OffsetDateTime utc = date.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
		int micros = utc.getNano() / 1000;
		String fraction = (micros != 0) ? String.format(".%06d", micros) : "";
		return SECONDS_FORMAT.format(utc) + fraction + "+00:00";
	}

	/**
	 * Parse an ISO-8601 date-time as Python's {@code datetime.fromisoformat} does; a date
	 * without an offset is taken as UTC.
	 * @param value the text
	 * @return the date, or {@code null} when the text is not an ISO-8601 date-time
	 */
	public static @Nullable Instant parse(String value) {
		String text = (value.length() > 10 && value.charAt(10) == ' ')
				? value.substring(0, 10) + 'T' + value.substring(11) : value;
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			try {
				return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
			}
			catch (DateTimeParseException notLocal) {
				return null;
			}
		}
	}

	private static long clampedSeconds(Number seconds, Instant base) {
		// compared as a double first: a BigDecimal such as 1e999999999 is never turned
		// into a (huge) whole number, and a BigInteger never wraps around
		double value = seconds.doubleValue();
		if (Double.isNaN(value)) {
			return 0;
		}
		long latest = secondsBetween(base, LATEST);
		if (value >= latest) {
			return latest;
		}
		long earliest = secondsBetween(base, EARLIEST);
		return (value <= earliest) ? earliest : seconds.longValue();
	}

	private static long secondsBetween(Instant from, Instant to) {
		// the whole seconds, rounded down
		return span(from, to).getSeconds();
	}

	private static @Nullable Instant parseDate(@Nullable Object storedExpiry) {
		return (storedExpiry instanceof String text) ? parse(text) : null;
	}

}
