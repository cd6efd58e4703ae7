package io.sessionengines.engine.cache;

import java.util.LinkedHashMap;
import java.util.Map;

import io.sessionengines.engine.SessionCodec;
import org.jspecify.annotations.Nullable;

/**
 * Session data that the {@link CacheSessionEngine} keeps in this process's memory as its
 * serializer reads it back, instead of a token: each request gets a copy of its own, and
 * the token it stands for is encoded only when the store is asked for it as text. The map
 * is never changed nor handed out, so one entry may be read by many requests at once.
 *
 * @author Session Engines contributors
 */
final class LiveSessionData {

	private final Map<String, @Nullable Object> data;

	private final SessionCodec codec;

	private volatile @Nullable String token;

	/**
	 * Create an entry.
	 * @param data the data as the codec reads it back, owned by the entry from now on
	 * @param codec the codec that made it, and encodes its token
	 */
	LiveSessionData(Map<String, @Nullable Object> data, SessionCodec codec) {
		this.data = data;
		this.codec = codec;
	}

	/**
	 * Return a copy of the data, for one request.
	 * @param key the session key, for the log should the copy need decoding
	 * @return a new mutable map
	 */
	Map<String, @Nullable Object> copy(String key) {
		// the codec checked, when it stored the data, that it may be kept so: copying it
		// is the serializer's alone
		Map<String, @Nullable Object> copy = this.codec.getSerializer().readBackCopy(this.data);
		if (copy != null) {
			return copy;
		}
		// data read back copies as such; should a serializer of the application's not
		// copy it again, the token holds the same data
		Map<String, @Nullable Object> decoded = this.codec.decodeData(key, token());
		return (decoded != null) ? decoded : new LinkedHashMap<>();
	}

	/**
	 * Return the token this data stands for.
	 * @return the token, encoded on first use
	 */
	String token() {
		String encoded = this.token;
		if (encoded == null) {
			encoded = this.codec.encode(this.data);
			this.token = encoded;
		}
		return encoded;
	}

}
