package io.sessionengines.serializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * JDK serialization of session data, for applications whose session values are
 * {@link Serializable} objects that are not JSON values. Opt in only when needed: the
 * data is unreadable by Django and by other languages, breaks when a class changes, and
 * JDK deserialization has a long history of vulnerabilities (Tomcat's session CVEs came
 * from it). The data is signed before it is stored, so only data this application wrote
 * is ever deserialized, and a filter bounds its depth and size.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public final class JavaSessionSerializer implements SessionSerializer {

	private static final ObjectInputFilter LIMITS = ObjectInputFilter.Config
		.createFilter("maxdepth=64;maxrefs=100000;maxbytes=16777216;maxarray=1000000");

	@Override
	public byte[] serialize(Map<String, @Nullable Object> data) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(new LinkedHashMap<>(data));
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("Session data is not serializable: " + ex.getMessage(), ex);
		}
		return bytes.toByteArray();
	}

	@Override
	@SuppressWarnings("unchecked")
	public Map<String, @Nullable Object> deserialize(byte[] bytes) {
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
			in.setObjectInputFilter(LIMITS);
			if (in.readObject() instanceof Map<?, ?> map) {
				return (Map<String, @Nullable Object>) map;
			}
			throw new SessionSerializationException("Session data is not a map");
		}
		catch (IOException | ClassNotFoundException | ClassCastException ex) {
			throw new SessionSerializationException("Session data cannot be deserialized: " + ex, ex);
		}
	}

	@Override
	public void checkValue(@Nullable Object value) {
		if (value != null && !(value instanceof Serializable)) {
			throw new IllegalArgumentException("Session values must be Serializable with session.serializer=java, not "
					+ value.getClass().getName());
		}
	}

}
