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
	 * The latest expiry date: every store can hold it, and later ones are clamped to it
	 * (earlier ones to the epoch).
	 */
	private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

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
	 * negative), or the cookie age.
	 * @param storedExpiry the value stored under {@value #EXPIRY_KEY}, or {@code null}
	 * @param modification the time of the save the age is counted from
	 * @return the age in seconds
	 */
	public long age(@Nullable Object storedExpiry, Instant modification) {
		if (storedExpiry instanceof Number seconds && seconds.doubleValue() != 0) {
			return seconds.longValue();
		}
		Instant date = parseDate(storedExpiry);
		if (date != null) {
			return Math.floorDiv(ChronoUnit.MICROS.between(modification, date), 1_000_000L);
		}
		return this.cookieAge.toSeconds();
	}

	/**
	 * Return when a session expires, as Django's {@code get_expiry_date}: the stored
	 * date, or the stored number of seconds (the cookie age when none or zero) after the
	 * save.
	 * @param storedExpiry the value stored under {@value #EXPIRY_KEY}, or {@code null}
	 * @param modification the time of the save the expiry is counted from
	 * @return the expiry date
	 */
	public Instant date(@Nullable Object storedExpiry, Instant modification) {
		Instant date = parseDate(storedExpiry);
		if (date != null) {
			return date.isAfter(LATEST) ? LATEST : date;
		}
		if (storedExpiry instanceof Number seconds && seconds.doubleValue() != 0) {
			double millis = seconds.doubleValue() * 1000;
			if (millis >= LATEST.toEpochMilli() - modification.toEpochMilli()) {
				return LATEST;
			}
			return (millis <= -modification.toEpochMilli()) ? Instant.EPOCH : modification.plusMillis((long) millis);
		}
		return modification.plus(this.cookieAge);
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

	private static @Nullable Instant parseDate(@Nullable Object storedExpiry) {
		return (storedExpiry instanceof String text) ? parse(text) : null;
	}

}
