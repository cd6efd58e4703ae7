package io.sessionengines.testsupport;

import java.util.Map;

import io.sessionengines.serializer.JsonSessionSerializer;
import io.sessionengines.serializer.SessionSerializer;
import org.jspecify.annotations.Nullable;

/**
 * The JSON serializer, counting how often it serializes: an application's own
 * {@link SessionSerializer}, in tests that check when sessions are serialized.
 *
 * @author Session Engines contributors
 */
public final class CountingSerializer implements SessionSerializer {

	private final JsonSessionSerializer json = new JsonSessionSerializer();

	private int serialized;

	@Override
	public byte[] serialize(Map<String, @Nullable Object> data) {
		this.serialized++;
		return this.json.serialize(data);
	}

	@Override
	public Map<String, @Nullable Object> deserialize(byte[] bytes) {
		return this.json.deserialize(bytes);
	}

	@Override
	public void checkValue(@Nullable Object value) {
		this.json.checkValue(value);
	}

	@Override
	public long serializedSizeBound(Map<String, @Nullable Object> data, long limit) {
		return this.json.serializedSizeBound(data, limit);
	}

	/**
	 * Return how many times data was serialized.
	 * @return the count
	 */
	public int serialized() {
		return this.serialized;
	}

}
