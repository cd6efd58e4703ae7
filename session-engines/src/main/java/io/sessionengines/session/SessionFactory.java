package io.sessionengines.session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
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

	/**
	 * The session key under which the time of the last save is stored when an idle
	 * timeout is set.
	 */
	public static final String LAST_SEEN_KEY = "_session_last_seen";

	private static final SessionListener NO_LISTENER = new SessionListener() {
	};

	private static final Duration DEFAULT_IDLE_TIMEOUT_RESOLUTION = Duration.ofMinutes(1);

	private final SessionEngine engine;

	private final SessionExpiry expiry;

	private final SessionSerializer serializer;

	private @Nullable Duration absoluteAge;

	private int maxDataSize = SessionCodec.DEFAULT_MAX_DATA_SIZE;

	private @Nullable Duration idleTimeout;

	private Duration idleTimeoutResolution = DEFAULT_IDLE_TIMEOUT_RESOLUTION;

	private Supplier<String> keyGenerator = SessionKeys::generate;

	private final LongAdder saveConflicts = new LongAdder();

	private final LongAdder failedSaves = new LongAdder();

	private final SaveBatches<Session> saveBatches = new SaveBatches<>();

	private @Nullable SessionListener listener;

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
	 * Set how long a session may go unused before it expires, as a servlet container's
	 * session timeout; off ({@code null}) by default, as in Django, whose sessions expire
	 * the cookie age after their last save. A request that only reads a session extends
	 * the deadline by saving it at most once per resolution, so reads stay cheap.
	 * @param idleTimeout the idle timeout, or {@code null} for none
	 * @param resolution how stale the recorded activity may get before a read saves the
	 * session, or {@code null} for one minute or a tenth of the timeout, whichever is
	 * shorter
	 */
	public void setIdleTimeout(@Nullable Duration idleTimeout, @Nullable Duration resolution) {
		Assert.isTrue(idleTimeout == null || (!idleTimeout.isNegative() && !idleTimeout.isZero()),
				"'idleTimeout' must be positive");
		Assert.isTrue(resolution == null || !resolution.isNegative(), "'resolution' must not be negative");
		this.idleTimeout = idleTimeout;
		if (resolution != null) {
			this.idleTimeoutResolution = resolution;
		}
		else if (idleTimeout != null) {
			Duration tenth = idleTimeout.dividedBy(10);
			this.idleTimeoutResolution = (tenth.compareTo(DEFAULT_IDLE_TIMEOUT_RESOLUTION) < 0) ? tenth
					: DEFAULT_IDLE_TIMEOUT_RESOLUTION;
		}
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
	 * Set what is told of the sessions' loads, saves and flushes; nothing by default.
	 * @param listeners the listeners, told in order
	 */
	public void setListeners(List<SessionListener> listeners) {
		Assert.notNull(listeners, "'listeners' must not be null");
		this.listener = switch (listeners.size()) {
			case 0 -> null;
			case 1 -> listeners.get(0);
			default -> new CompositeSessionListener(List.copyOf(listeners));
		};
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

	/**
	 * Return how many saves found their session changed by a concurrent request since it
	 * was loaded, and were tried again (or gave up), since the factory was created.
	 * @return the number of conflicts
	 */
	public long getSaveConflicts() {
		return this.saveConflicts.sum();
	}

	/**
	 * Return how many saves gave up because concurrent requests kept changing their
	 * session ({@link SessionConflictException}), since the factory was created.
	 * @return the number of saves that failed
	 */
	public long getFailedSaves() {
		return this.failedSaves.sum();
	}

	boolean hasListener() {
		return this.listener != null;
	}

	SessionListener getListener() {
		return (this.listener != null) ? this.listener : NO_LISTENER;
	}

	SaveBatches<Session> getSaveBatches() {
		return this.saveBatches;
	}

	void recordSaveConflict() {
		this.saveConflicts.increment();
	}

	void recordFailedSaves(int saves) {
		this.failedSaves.add(saves);
	}

	SessionSerializer getSerializer() {
		return this.serializer;
	}

	void checkDataSize(Map<String, @Nullable Object> data) {
		// a bound from the values' lengths spares serializing the whole session on every
		// change; the save serializes it anyway
		if (this.serializer.serializedSizeBound(data, this.maxDataSize) >= 0) {
			return;
		}
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

	boolean outlivedIdleTimeout(Map<String, @Nullable Object> data) {
		if (this.idleTimeout == null) {
			return false;
		}
		Instant lastSeen = lastSeen(data);
		// a session saved before the timeout was set has no record, and starts one now
		return lastSeen != null && !this.expiry.now().isBefore(SessionExpiry.plus(lastSeen, this.idleTimeout));
	}

	boolean activityIsStale(Map<String, @Nullable Object> data) {
		if (this.idleTimeout == null) {
			return false;
		}
		Instant lastSeen = lastSeen(data);
		return lastSeen == null
				|| !this.expiry.now().isBefore(SessionExpiry.plus(lastSeen, this.idleTimeoutResolution));
	}

	void stampActivity(Map<String, @Nullable Object> data) {
		if (this.idleTimeout != null) {
			data.put(LAST_SEEN_KEY, SessionExpiry.format(this.expiry.now()));
		}
	}

	/**
	 * Return when a session saved now expires: its expiry date, or sooner when it would
	 * go idle before.
	 * @param expiryDate the session's expiry date
	 * @return when the session expires
	 */
	Instant expiresAt(Instant expiryDate) {
		if (this.idleTimeout == null) {
			return expiryDate;
		}
		Instant idleDeadline = SessionExpiry.plus(this.expiry.now(), this.idleTimeout);
		return idleDeadline.isBefore(expiryDate) ? idleDeadline : expiryDate;
	}

	private static @Nullable Instant lastSeen(Map<String, @Nullable Object> data) {
		return (data.get(LAST_SEEN_KEY) instanceof String lastSeen) ? SessionExpiry.parse(lastSeen) : null;
	}

	void stampCreation(Map<String, @Nullable Object> data) {
		if (this.absoluteAge != null && !data.containsKey(CREATED_KEY)) {
			data.put(CREATED_KEY, SessionExpiry.format(this.expiry.now()));
		}
	}

}
