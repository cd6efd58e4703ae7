package io.sessionengines.serializer;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Turns session data into bytes and back (Django's {@code SESSION_SERIALIZER}).
 * <p>
 * A serializer also decides which keys and values a session may hold: {@link #checkKey}
 * and {@link #checkValue} are called when a value is stored, so that an unsupported value
 * fails where it is set, not when the session is saved after the response has gone.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public interface SessionSerializer {

	/**
	 * Serialize session data.
	 * @param data the session data
	 * @return the serialized form
	 */
	byte[] serialize(Map<String, @Nullable Object> data);

	/**
	 * Deserialize session data.
	 * @param bytes the serialized form
	 * @return the session data, in a mutable map that keeps the stored order
	 * @throws SessionSerializationException if the bytes are not valid session data
	 */
	Map<String, @Nullable Object> deserialize(byte[] bytes);

	/**
	 * Check that a value can be stored in a session.
	 * @param value the value
	 * @throws IllegalArgumentException if this serializer cannot store the value
	 */
	void checkValue(@Nullable Object value);

	/**
	 * Check that a key can be used in a session, for serializers that reserve keys of
	 * their own. By default every key can.
	 * @param key the key
	 * @throws IllegalArgumentException if the key is reserved
	 */
	default void checkKey(String key) {
	}

	/**
	 * Return an upper bound of the length of {@link #serialize} of the given data, found
	 * without serializing it, so that a session can check its size bound on every change
	 * without serializing all of its data each time. It answers a negative number when
	 * the bound would pass the limit (so a caller that must know the exact size
	 * serializes), and may when it cannot give a bound cheaply; by default it does.
	 * @param data the session data
	 * @param limit the largest bound that is of use to the caller
	 * @return a number of bytes, at most {@code limit}, that the serialized data does not
	 * exceed, or a negative number
	 */
	default long serializedSizeBound(Map<String, @Nullable Object> data, long limit) {
		return -1;
	}

	/**
	 * Return a copy of session data exactly as {@code deserialize(serialize(data))} would
	 * return it, made without serializing, when this serializer can tell what reading its
	 * bytes back gives; so that a store in this process's memory can keep data as it is,
	 * and give every request a copy of its own. It answers {@code null} when it cannot
	 * tell cheaply, or when the data would not serialize; by default it does.
	 * @param data the session data
	 * @return a new mutable map, sharing no mutable value with {@code data}, or
	 * {@code null}
	 * @since 0.4.0
	 */
	default @Nullable Map<String, @Nullable Object> readBackCopy(Map<String, @Nullable Object> data) {
		return null;
	}

	/**
	 * Return whether values this serializer reads back may be instances of the given
	 * type, so that a caller looking only for such values can skip reading stored data.
	 * It may answer {@code true} when it cannot tell; by default it does.
	 * @param type the type
	 * @return {@code false} only if no value read back can be an instance of the type
	 */
	default boolean mayRead(Class<?> type) {
		return true;
	}

}
