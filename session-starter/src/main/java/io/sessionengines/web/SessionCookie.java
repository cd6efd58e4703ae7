package io.sessionengines.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.sessionengines.engine.SessionExpiry;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The session cookie with the attributes Django's {@code SESSION_COOKIE_*} settings give
 * it: formats the {@code Set-Cookie} headers that set and delete it, which each web stack
 * writes to its own responses.
 * <p>
 * Better than Django: the deletion cookie keeps {@code Secure} and {@code HttpOnly}, a
 * cookie with {@code SameSite=None} or a {@code __Secure-}/{@code __Host-} name is always
 * {@code Secure}, an already expired session gets {@code Max-Age=0} rather than a
 * negative one, {@code Max-Age} never exceeds what browsers keep (nor {@code Expires} the
 * year 9999, whatever the expiry), and a cookie over the size browsers accept is never
 * emitted.
 *
 * @param name the cookie name (Django's {@code SESSION_COOKIE_NAME})
 * @param domain the {@code Domain} attribute, or {@code null} for a host-only cookie
 * @param path the {@code Path} attribute
 * @param secure whether the cookie is only sent over HTTPS
 * @param httpOnly whether scripts cannot read the cookie
 * @param sameSite the {@code SameSite} attribute
 * @author Session Engines contributors
 * @since 0.1.0
 */
public record SessionCookie(String name, @Nullable String domain, String path, boolean secure, boolean httpOnly,
		SameSite sameSite) {

	/**
	 * The largest cookie, name and value together, that browsers keep.
	 */
	public static final int MAX_SIZE = 4096;

	/**
	 * The longest browsers keep a cookie (RFC 6265bis caps {@code Max-Age} at 400 days);
	 * a longer {@code Max-Age} is sent as this.
	 */
	public static final Duration MAX_AGE = Duration.ofDays(400);

	private static final DateTimeFormatter EXPIRES_FORMAT = DateTimeFormatter
		.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
		.withZone(ZoneOffset.UTC);

	private static final String EPOCH = "Thu, 01 Jan 1970 00:00:00 GMT";

	/**
	 * The last {@code Expires} date formatted: every cookie written within one second
	 * with the same age carries the same date, and formatting it was half the cost of
	 * writing a cookie (Tomcat keeps its {@code Date} header the same way).
	 */
	private static volatile @Nullable FormattedDate lastExpires;

	/**
	 * Create the cookie settings.
	 * @param name the cookie name
	 * @param domain the domain, or {@code null}
	 * @param path the path
	 * @param secure whether the cookie is HTTPS-only
	 * @param httpOnly whether scripts cannot read the cookie
	 * @param sameSite the {@code SameSite} attribute
	 */
	public SessionCookie {
		Assert.hasText(name, "'name' must not be empty");
		Assert.hasText(path, "'path' must not be empty");
		Assert.notNull(sameSite, "'sameSite' must not be null");
	}

	/**
	 * Return the {@code Set-Cookie} header that sets the session cookie.
	 * @param value the cookie value
	 * @param maxAge the seconds the cookie lives, or {@code null} for a cookie that lasts
	 * until the browser closes
	 * @param now the current time, for the {@code Expires} attribute
	 * @return the header value
	 * @throws SessionCookieTooLargeException if the cookie is larger than browsers accept
	 */
	public String header(String value, @Nullable Long maxAge, Instant now) {
		int size = this.name.length() + value.length();
		if (size > MAX_SIZE) {
			throw new SessionCookieTooLargeException(size, MAX_SIZE);
		}
		StringBuilder header = new StringBuilder(this.name).append('=').append(value);
		if (maxAge != null) {
			// Expires never passes the last date a cookie can carry (a four-digit year)
			Instant expiresAt = SessionExpiry.plus(now,
					Duration.ofSeconds(Math.min(Math.max(0, maxAge), MAX_AGE.toSeconds())));
			long seconds = Math.max(0, Duration.between(now, expiresAt).toSeconds());
			String expires = (seconds > 0) ? expires(expiresAt) : EPOCH;
			header.append("; Max-Age=").append(seconds).append("; Expires=").append(expires);
		}
		return appendAttributes(header);
	}

	/**
	 * Return the {@code Set-Cookie} header that deletes the session cookie, with the same
	 * domain, path and attributes it was set with.
	 * @return the header value
	 */
	public String deletionHeader() {
		return appendAttributes(new StringBuilder(this.name).append("=; Max-Age=0; Expires=").append(EPOCH));
	}

	/**
	 * Return the value of the {@code Vary} header once a request header is added to it,
	 * keeping what is there and never adding it twice.
	 * @param vary the response's {@code Vary} headers so far
	 * @param header the request header the response depends on
	 * @return the new value, or {@code null} when the response varies on the header
	 * already (or on everything)
	 */
	public static @Nullable String varyWith(Iterable<String> vary, String header) {
		StringBuilder merged = new StringBuilder();
		for (String existing : vary) {
			for (String field : existing.split(",")) {
				String trimmed = field.trim();
				if (trimmed.equals("*") || trimmed.equalsIgnoreCase(header)) {
					return null;
				}
				if (!trimmed.isEmpty()) {
					merged.append(trimmed).append(", ");
				}
			}
		}
		return merged.append(header).toString();
	}

	private static String expires(Instant expiresAt) {
		long second = expiresAt.getEpochSecond();
		FormattedDate last = lastExpires;
		if (last != null && last.epochSecond() == second) {
			return last.text();
		}
		String text = EXPIRES_FORMAT.format(expiresAt);
		lastExpires = new FormattedDate(second, text);
		return text;
	}

	private String appendAttributes(StringBuilder header) {
		if (this.domain != null) {
			header.append("; Domain=").append(this.domain);
		}
		header.append("; Path=").append(this.path);
		if (this.secure || this.sameSite == SameSite.NONE || this.name.startsWith("__Secure-")
				|| this.name.startsWith("__Host-")) {
			header.append("; Secure");
		}
		if (this.httpOnly) {
			header.append("; HttpOnly");
		}
		if (this.sameSite.attributeValue() != null) {
			header.append("; SameSite=").append(this.sameSite.attributeValue());
		}
		return header.toString();
	}

	private record FormattedDate(long epochSecond, String text) {

	}

}
