package io.sessionengines.autoconfigure;

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
	JSON

}
