package io.sessionengines.demo;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * A {@code Set-Cookie} header, parsed by hand so that tests can assert exactly what the
 * server sent.
 *
 * @param header the header as received
 * @param name the cookie name
 * @param value the cookie value, without surrounding double quotes
 * @param attributes the attributes by case-insensitive name; flags such as
 * {@code HttpOnly} have an empty value
 * @author Session Engines contributors
 */
public record SetCookie(String header, String name, String value, Map<String, String> attributes) {

	private static final DateTimeFormatter NETSCAPE_DATE = DateTimeFormatter.ofPattern("EEE, dd-MMM-yyyy HH:mm:ss z",
			Locale.US);

	public static SetCookie parse(String header) {
		String[] parts = header.split(";");
		int equals = parts[0].indexOf('=');
		String name = parts[0].substring(0, equals).trim();
		String value = unquote(parts[0].substring(equals + 1).trim());
		Map<String, String> attributes = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		for (int i = 1; i < parts.length; i++) {
			String part = parts[i].trim();
			int separator = part.indexOf('=');
			if (separator < 0) {
				attributes.put(part, "");
			}
			else {
				attributes.put(part.substring(0, separator).trim(), part.substring(separator + 1).trim());
			}
		}
		return new SetCookie(header, name, value, Collections.unmodifiableMap(attributes));
	}

	private static String unquote(String value) {
		return (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\""))
				? value.substring(1, value.length() - 1) : value;
	}

	public boolean has(String attribute) {
		return this.attributes.containsKey(attribute);
	}

	public @Nullable String attribute(String attribute) {
		return this.attributes.get(attribute);
	}

	public @Nullable Long maxAge() {
		String maxAge = attribute("Max-Age");
		return (maxAge != null) ? Long.valueOf(maxAge) : null;
	}

	public @Nullable Instant expires() {
		String expires = attribute("Expires");
		if (expires == null) {
			return null;
		}
		try {
			return ZonedDateTime.parse(expires, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
		}
		catch (DateTimeParseException ex) {
			return ZonedDateTime.parse(expires, NETSCAPE_DATE).toInstant();
		}
	}

	public boolean isDeletion() {
		Long maxAge = maxAge();
		return this.value.isEmpty() && maxAge != null && maxAge == 0;
	}

	/**
	 * Return the size browsers count against their limit: the name and the value.
	 * @return the size in bytes (the value is ASCII)
	 */
	public int size() {
		return this.name.length() + 1 + this.value.length();
	}

}
