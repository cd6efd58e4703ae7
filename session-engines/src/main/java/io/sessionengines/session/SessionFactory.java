package io.sessionengines.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionDataTooLargeException;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.serializer.SessionSerializer;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Opens a {@link Session} for a request, as Django's middleware builds
 * {@code SessionStore(session_key)}, and holds what every session of an application
 * shares: the engine, the expiry rules and the serializer that vets values.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public final class SessionFactory {

	/**
	 * The session key under which the creation time is stored when an absolute age is
	 * set.
	 */
	public static final String CREATED_KEY = "_session_created";

	private final SessionEngine engine;

	private final SessionExpiry expiry;

	private final SessionSerializer serializer;

	private @Nullable Duration absoluteAge;

	private int maxDataSize = SessionCodec.DEFAULT_MAX_DATA_SIZE;

	private Supplier<String> keyGenerator = SessionKeys::generate;

	/**
	 * Create a factory.
	 * @param engine the engine that stores the sessions
	 * @param expiry the expiry rules
	 * @param serializer the serializer, which decides which values a session may hold
	 */
	public SessionFactory(SessionEngine engine, SessionExpiry expiry, SessionSerializer serializer) {
		Assert.notNull(engine, "'engine' must not be null");
		Assert.notNull(expiry, "'expiry' must not be null");
		Assert.notNull(serializer, "'serializer' must not be null");
		this.engine = engine;
		this.expiry = expiry;
		this.serializer = serializer;
	}

	/**
	 * Set the longest a session may live from its creation, however active it is; off
	 * ({@code null}) by default, as in Django. A session that has reached this age loads
	 * as empty.
	 * @param absoluteAge the absolute age, or {@code null} for none
	 */
	public void setAbsoluteAge(@Nullable Duration absoluteAge) {
		Assert.isTrue(absoluteAge == null || (!absoluteAge.isNegative() && !absoluteAge.isZero()),
				"'absoluteAge' must be positive");
		this.absoluteAge = absoluteAge;
	}

	/**
	 * Set the largest size the serialized data of a session may have; by default
	 * {@link SessionCodec#DEFAULT_MAX_DATA_SIZE}. A value that would make a session
	 * larger is refused when it is set. Give the engine's codec the same bound, so that
	 * what is stored can be read back.
	 * @param maxDataSize the bound, in bytes
	 */
	public void setMaxDataSize(int maxDataSize) {
		Assert.isTrue(maxDataSize > 0, "'maxDataSize' must be positive");
		this.maxDataSize = maxDataSize;
	}

	/**
	 * Set how new session keys are made; by default {@link SessionKeys#generate()}.
	 * @param keyGenerator the key generator
	 */
	public void setKeyGenerator(Supplier<String> keyGenerator) {
		Assert.notNull(keyGenerator, "'keyGenerator' must not be null");
		this.keyGenerator = keyGenerator;
	}

	/**
	 * Open the session a request's cookie names; nothing is read until the session is
	 * used.
	 * @param cookieValue the session cookie's value, or {@code null} when the request has
	 * none
	 * @return the session
	 */
	public Session open(@Nullable String cookieValue) {
		return new Session(this, SessionKeys.isKey(cookieValue) ? cookieValue : null);
	}

	/**
	 * Return the engine.
	 * @return the engine
	 */
	public SessionEngine getEngine() {
		return this.engine;
	}

	/**
	 * Return the expiry rules.
	 * @return the expiry rules
	 */
	public SessionExpiry getExpiry() {
		return this.expiry;
	}

	SessionSerializer getSerializer() {
		return this.serializer;
	}

	void checkDataSize(Map<String, @Nullable Object> data) {
		int size = this.serializer.serialize(data).length;
		if (size > this.maxDataSize) {
			throw new SessionDataTooLargeException(size, this.maxDataSize);
		}
	}

	String newKey() {
		return this.keyGenerator.get();
	}

	boolean outlivedAbsoluteAge(Map<String, @Nullable Object> data) {
		if (this.absoluteAge == null || !(data.get(CREATED_KEY) instanceof String created)) {
			return false;
		}
		Instant createdAt = SessionExpiry.parse(created);
		return createdAt == null || !this.expiry.now().isBefore(SessionExpiry.plus(createdAt, this.absoluteAge));
	}

	void stampCreation(Map<String, @Nullable Object> data) {
		if (this.absoluteAge != null && !data.containsKey(CREATED_KEY)) {
			data.put(CREATED_KEY, SessionExpiry.format(this.expiry.now()));
		}
	}

}
