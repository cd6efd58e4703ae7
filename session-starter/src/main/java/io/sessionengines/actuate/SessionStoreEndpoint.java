package io.sessionengines.actuate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.SessionKeyHash;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.util.Assert;

/**
 * The {@code sessionstore} actuator endpoint: purge expired sessions ({@code POST}), look
 * a session up by key ({@code GET /{key}}: its entry names, never their values), and
 * delete one ({@code DELETE /{key}}), as an operator's logout of a user.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
@Endpoint(id = "sessionstore")
public class SessionStoreEndpoint {

	private final SessionEngine engine;

	/**
	 * Create the endpoint.
	 * @param engine the engine
	 */
	public SessionStoreEndpoint(SessionEngine engine) {
		Assert.notNull(engine, "'engine' must not be null");
		this.engine = engine;
	}

	/**
	 * Delete the expired sessions.
	 * @return how many were removed, or that the store expires sessions by itself
	 */
	@WriteOperation
	public PurgeResult purge() {
		OptionalLong removed = this.engine.clearExpired();
		return removed.isPresent() ? new PurgeResult(removed.getAsLong(), false) : new PurgeResult(null, true);
	}

	/**
	 * Look up a live session.
	 * @param key the session key
	 * @return what the session holds, without the values, or {@code null} (404) when
	 * there is no such live session
	 */
	@ReadOperation
	public @Nullable SessionDescriptor session(@Selector String key) {
		Map<String, @Nullable Object> data = this.engine.load(key);
		if (data == null) {
			return null;
		}
		Object customExpiry = data.get(SessionExpiry.EXPIRY_KEY);
		return new SessionDescriptor(SessionKeyHash.of(key), new ArrayList<>(data.keySet()),
				(customExpiry != null) ? String.valueOf(customExpiry) : null);
	}

	/**
	 * Delete a session; deleting one that does not exist does nothing.
	 * @param key the session key
	 */
	@DeleteOperation
	public void delete(@Selector String key) {
		this.engine.delete(key);
	}

	/**
	 * The result of a purge.
	 *
	 * @param removed how many expired sessions were removed, or {@code null}
	 * @param expiresByItself whether the store expires sessions by itself, so that there
	 * is nothing to purge
	 */
	public record PurgeResult(@Nullable Long removed, boolean expiresByItself) {

	}

	/**
	 * A session, described without its values.
	 *
	 * @param keyHash a salted hash of the key, as in the logs
	 * @param entries the names of its entries
	 * @param customExpiry its custom expiry as stored, or {@code null}
	 */
	public record SessionDescriptor(String keyHash, List<String> entries, @Nullable String customExpiry) {

	}

}
