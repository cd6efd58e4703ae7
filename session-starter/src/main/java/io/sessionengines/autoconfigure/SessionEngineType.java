package io.sessionengines.autoconfigure;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The session engines, by Django's names.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public enum SessionEngineType {

	/**
	 * Sessions in a database table shaped like Django's {@code django_session}.
	 */
	DB("db"),

	/**
	 * One file per session in a directory.
	 */
	FILE("file"),

	/**
	 * Sessions in a cache: in-process or Redis.
	 */
	CACHE("cache"),

	/**
	 * Sessions in the database, read through a cache.
	 */
	CACHED_DB("cached_db"),

	/**
	 * The whole session, signed, in the cookie.
	 */
	SIGNED_COOKIES("signed_cookies");

	private static final String DJANGO_MODULE_PREFIX = "django.contrib.sessions.backends.";

	private final String djangoName;

	SessionEngineType(String djangoName) {
		this.djangoName = djangoName;
	}

	/**
	 * Return the engine's name in Django's {@code SESSION_ENGINE}, without the module
	 * path.
	 * @return the name, such as {@code cached_db}
	 */
	public String getDjangoName() {
		return this.djangoName;
	}

	/**
	 * Return the engine with the given name: Django's short name ({@code cached_db}), its
	 * module name ({@code django.contrib.sessions.backends.cached_db}), or the name in
	 * another case or with dashes ({@code CACHED-DB}).
	 * @param name the name
	 * @return the engine
	 * @throws IllegalArgumentException if no engine has that name
	 */
	public static SessionEngineType fromName(String name) {
		String shortName = name.trim().toLowerCase(Locale.ROOT);
		if (shortName.startsWith(DJANGO_MODULE_PREFIX)) {
			shortName = shortName.substring(DJANGO_MODULE_PREFIX.length());
		}
		String wanted = normalized(shortName);
		for (SessionEngineType type : values()) {
			if (normalized(type.djangoName).equals(wanted)) {
				return type;
			}
		}
		throw new IllegalArgumentException("Unknown session engine '" + name + "'. Valid engines are "
				+ Arrays.stream(values()).map(SessionEngineType::getDjangoName).collect(Collectors.joining(", "))
				+ ", or Django's module names such as " + DJANGO_MODULE_PREFIX + "db");
	}

	private static String normalized(String name) {
		return name.replaceAll("[^a-z0-9]", "");
	}

}
