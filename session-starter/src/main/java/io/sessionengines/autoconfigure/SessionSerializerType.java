package io.sessionengines.autoconfigure;

import java.util.Arrays;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The serializers for session data (Django's {@code SESSION_SERIALIZER}).
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public enum SessionSerializerType {

	/**
	 * JSON, as Django's {@code JSONSerializer}: sessions hold JSON values and can be
	 * shared with Django.
	 */
	JSON("django.contrib.sessions.serializers.JSONSerializer"),

	/**
	 * JDK serialization: sessions hold {@code Serializable} objects, readable only by
	 * this application. An explicit opt-in, with a warning at start-up.
	 */
	JAVA(null);

	private final @Nullable String djangoName;

	SessionSerializerType(@Nullable String djangoName) {
		this.djangoName = djangoName;
	}

	/**
	 * Return the serializer with the given name: its own ({@code json}, in any case) or
	 * Django's class name ({@code django.contrib.sessions.serializers.JSONSerializer}).
	 * @param name the name
	 * @return the serializer
	 * @throws IllegalArgumentException if no serializer has that name
	 */
	public static SessionSerializerType fromName(String name) {
		String wanted = name.trim();
		for (SessionSerializerType type : values()) {
			if (type.name().equalsIgnoreCase(wanted) || wanted.equals(type.djangoName)) {
				return type;
			}
		}
		throw new IllegalArgumentException("Unknown session serializer '" + name + "'. Valid serializers are "
				+ Arrays.stream(values()).map((type) -> type.name().toLowerCase(Locale.ROOT)).toList()
				+ ", or Django's class names such as " + JSON.djangoName);
	}

}
