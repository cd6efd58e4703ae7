package io.sessionengines.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.sessionengines.engine.SaveResult;
import io.sessionengines.engine.SessionCreateException;
import io.sessionengines.engine.SessionDataTooLargeException;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.SessionUpdateException;
import io.sessionengines.engine.StoredSession;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A request's session, with the semantics of Django's {@code SessionBase}.
 * <p>
 * The data is loaded on first use. Every data operation sets {@link #isAccessed()
 * accessed}; operations that change the data set {@link #isModified() modified}, exactly
 * as Django's flag table says ({@link #set} always, {@link #pop} and {@link #setDefault}
 * only when they change something, {@link #clear} and {@link #update} always). Changing a
 * value in place, such as adding to a stored list, is not seen: call
 * {@code setModified(true)}.
 * <p>
 * Values are those the configured serializer accepts; by default JSON values. An unknown
 * or expired key is never adopted: the session loads as empty and is saved under a fresh
 * key.
 * <p>
 * Concurrent requests on one session keep each other's changes: the session records which
 * keys the request set or removed, and when the engine reports that another request saved
 * the session since it was loaded, it applies those changes to what is stored now and
 * saves again, a few times at most, waiting a little longer each time. The requests of
 * one process save a session one after the other, so that a busy session does not make
 * them give up. Of two requests that set the same key, the one that saves last wins. A
 * request that calls {@link #setModified(boolean) setModified(true)} applies every value
 * it holds, since it may have changed any of them in place. Only a session deleted
 * meanwhile (flushed, or moved to a new key at a login) is not saved again: deletion
 * wins.
 * <p>
 * A session belongs to one request and is not thread-safe.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public final class Session {

	/**
	 * The key {@link #setTestCookie()} stores.
	 */
	public static final String TEST_COOKIE_KEY = "testcookie";

	/**
	 * The value {@link #setTestCookie()} stores.
	 */
	public static final String TEST_COOKIE_VALUE = "worked";

	private static final int CREATE_ATTEMPTS = 10;

	/**
	 * How many times a save is tried against sessions that other requests keep changing.
	 */
	static final int SAVE_ATTEMPTS = 32;

	/**
	 * The longest wait, in nanoseconds, between two tries of a save.
	 */
	private static final long MAX_SAVE_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

	/**
	 * The shortest time a try of a save counts as for its back-off.
	 */
	private static final long MIN_SAVE_BACKOFF_UNIT_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

	private final SessionFactory factory;

	private @Nullable String key;

	private @Nullable Map<String, @Nullable Object> cache;

	private boolean accessed;

	private boolean modified;

	/**
	 * Whether the key was found live in the store, as opposed to data set up without a
	 * load (such as by {@link #clear()} on a key the store may not know).
	 */
	private boolean keyConfirmed;

	/**
	 * Whether {@link #readAhead()} found that the key names no live session, which the
	 * session forgets when its data is first used, as a load would.
	 */
	private boolean keyReadAheadAsDead;

	/**
	 * The version of the stored session this request's data is based on, for a
	 * compare-and-set save; {@code null} when there is none to compare against.
	 */
	private @Nullable Object version;

	private final ChangeSet changes = new ChangeSet();

	/**
	 * The key of the stored session that {@link #flushLater()} or
	 * {@link #cycleKeyLater()} ended, deleted at the next write.
	 */
	private @Nullable String pendingDeletion;

	/**
	 * What the session held when {@link #flushLater()} ended it, for the listener; or
	 * {@code null} when the listener is not told (a key change).
	 */
	private @Nullable Map<String, @Nullable Object> pendingDeletionData;

	/**
	 * Why the save of this request failed when another request wrote it in its batch but
	 * could not save it.
	 */
	private @Nullable RuntimeException saveFailure;

	Session(SessionFactory factory, @Nullable String key) {
		this.factory = factory;
		this.key = key;
	}

	/**
	 * Return the session key: what the session cookie carries, or {@code null} when the
	 * session has not been saved, was flushed, or its key named no live session.
	 * @return the key
	 */
	public @Nullable String getSessionKey() {
		return this.key;
	}

	/**
	 * Return a value (Django's {@code get(key)}).
	 * @param key the key
	 * @return the value, or {@code null} when absent
	 */
	public @Nullable Object get(String key) {
		return data().get(key);
	}

	/**
	 * Return a value, or a default when absent (Django's {@code get(key, default)}).
	 * @param key the key
	 * @param defaultValue the value to return when the key is absent
	 * @return the value or the default
	 */
	public @Nullable Object get(String key, @Nullable Object defaultValue) {
		Map<String, @Nullable Object> data = data();
		return data.containsKey(key) ? data.get(key) : defaultValue;
	}

	/**
	 * Store a value (Django's {@code session[key] = value}); always marks the session
	 * modified, even when the value is unchanged.
	 * @param key the key
	 * @param value the value
	 * @throws IllegalArgumentException if the key is reserved or the serializer cannot
	 * store the value
	 * @throws SessionDataTooLargeException if the value would make the session larger
	 * than its bound; the session is left as it was
	 */
	public void set(String key, @Nullable Object value) {
		Assert.notNull(key, "'key' must not be null");
		checkEntry(key, value);
		Map<String, @Nullable Object> data = data();
		boolean present = data.containsKey(key);
		Object previous = data.put(key, value);
		try {
			this.factory.checkDataSize(data);
		}
		catch (SessionDataTooLargeException ex) {
			if (present) {
				data.put(key, previous);
			}
			else {
				data.remove(key);
			}
			throw ex;
		}
		this.changes.touch(key);
		this.modified = true;
	}

	private void checkEntry(String key, @Nullable Object value) {
		this.factory.getSerializer().checkKey(key);
		this.factory.getSerializer().checkValue(value);
	}

	/**
	 * Remove a value (Django's {@code pop(key, None)}); marks the session modified only
	 * when the key was present.
	 * @param key the key
	 * @return the removed value, or {@code null} when absent
	 */
	public @Nullable Object pop(String key) {
		return pop(key, null);
	}

	/**
	 * Remove a value (Django's {@code pop(key, default)}); marks the session modified
	 * only when the key was present.
	 * @param key the key
	 * @param defaultValue the value to return when the key is absent
	 * @return the removed value, or the default
	 */
	public @Nullable Object pop(String key, @Nullable Object defaultValue) {
		Map<String, @Nullable Object> data = data();
		if (!data.containsKey(key)) {
			return defaultValue;
		}
		this.modified = true;
		this.changes.touch(key);
		return data.remove(key);
	}

	/**
	 * Return a value, storing the given one first when the key is absent (Django's
	 * {@code setdefault}); marks the session modified only when it stores.
	 * @param key the key
	 * @param value the value to store when the key is absent
	 * @return the value now stored
	 */
	public @Nullable Object setDefault(String key, @Nullable Object value) {
		Map<String, @Nullable Object> data = data();
		if (data.containsKey(key)) {
			return data.get(key);
		}
		set(key, value);
		return value;
	}

	/**
	 * Return whether a key is present (Django's {@code key in session}).
	 * @param key the key
	 * @return whether it is present
	 */
	public boolean contains(String key) {
		return data().containsKey(key);
	}

	/**
	 * Return the keys, internal ones such as {@value SessionExpiry#EXPIRY_KEY} included.
	 * @return a read-only view of the keys, in the stored order
	 */
	public Set<String> keys() {
		return Collections.unmodifiableSet(data().keySet());
	}

	/**
	 * Return the values.
	 * @return a read-only view of the values
	 */
	public Collection<@Nullable Object> values() {
		return Collections.unmodifiableCollection(data().values());
	}

	/**
	 * Return the entries.
	 * @return a read-only view of the data
	 */
	public Map<String, @Nullable Object> items() {
		return Collections.unmodifiableMap(data());
	}

	/**
	 * Remove every value without loading the stored data (Django's {@code clear}); the
	 * key is kept, so the session is saved empty.
	 */
	public void clear() {
		this.cache = new LinkedHashMap<>();
		this.changes.clear();
		this.accessed = true;
		this.modified = true;
	}

	/**
	 * Store several values (Django's {@code update}); always marks the session modified.
	 * @param values the values
	 * @throws IllegalArgumentException if a key is reserved or the serializer cannot
	 * store one of the values
	 * @throws SessionDataTooLargeException if the values would make the session larger
	 * than its bound; the session is left as it was
	 */
	public void update(Map<String, ?> values) {
		values.forEach((key, value) -> {
			Assert.notNull(key, "Session keys must not be null");
			checkEntry(key, value);
		});
		Map<String, @Nullable Object> data = data();
		Map<String, @Nullable Object> before = new LinkedHashMap<>(data);
		data.putAll(values);
		try {
			this.factory.checkDataSize(data);
		}
		catch (SessionDataTooLargeException ex) {
			data.clear();
			data.putAll(before);
			throw ex;
		}
		values.keySet().forEach(this.changes::touch);
		this.modified = true;
	}

	/**
	 * Return whether the session is empty: it has no key and no data (Django's
	 * {@code is_empty}). A session with a key is never empty. Does not load.
	 * @return whether it is empty
	 */
	public boolean isEmpty() {
		return this.key == null && (this.cache == null || this.cache.isEmpty());
	}

	/**
	 * Return whether a value of this session may be an instance of the given type,
	 * without loading: judged by the values themselves when this request has them, and
	 * otherwise by what the serializer can read back. A caller that looks for such values
	 * only when this answers {@code true} reads the store only when it must.
	 * @param type the type
	 * @return {@code false} only if no value of the session is an instance of the type
	 */
	public boolean mayHold(Class<?> type) {
		if (this.cache != null) {
			return this.cache.values().stream().anyMatch(type::isInstance);
		}
		return this.key != null && this.factory.getSerializer().mayRead(type);
	}

	/**
	 * Return whether this request set or removed a key (with {@link #set}, {@link #pop},
	 * {@link #update} and the like) since the session was loaded or last saved. Moving it
	 * to a new key ({@link #cycleKey()}) does not count as a save: a login that stores
	 * its user and then cycles the key (as Spring Security WebFlux does) is still seen as
	 * a change. Does not load.
	 * @param key the key
	 * @return whether the key was changed
	 */
	public boolean isChanged(String key) {
		return this.changes.touched(key);
	}

	/**
	 * Return whether the session's data is in memory: loaded, read ahead from a live
	 * session, or set without a load (as by {@link #clear()}). Does not load.
	 * @return whether the data is in memory
	 */
	public boolean isLoaded() {
		return this.cache != null;
	}

	/**
	 * Return whether the session's data was used in this request.
	 * @return whether it was accessed
	 */
	public boolean isAccessed() {
		return this.accessed;
	}

	/**
	 * Return whether the session must be saved.
	 * @return whether it was modified
	 */
	public boolean isModified() {
		return this.modified;
	}

	/**
	 * Mark the session modified or not, for example after changing a stored list in
	 * place. Since any value may then have changed, a save that meets another request's
	 * changes applies every value this request holds.
	 * @param modified whether the session must be saved
	 */
	public void setModified(boolean modified) {
		this.modified = modified;
		if (modified) {
			this.changes.touchEveryValue();
		}
	}

	/**
	 * Mark the session to be saved only to record that it was used, as a read that keeps
	 * a session with an idle timeout alive does: unlike {@link #setModified(boolean)
	 * setModified(true)}, no value counts as changed.
	 */
	public void markActive() {
		this.modified = true;
	}

	/**
	 * Expire the session after the given seconds of inactivity; {@code 0} expires it when
	 * the browser closes (Django's {@code set_expiry(int)}). Stored as a number under
	 * {@value SessionExpiry#EXPIRY_KEY}.
	 * @param seconds the seconds after the last save; negative means already expired
	 */
	public void setExpiry(long seconds) {
		set(SessionExpiry.EXPIRY_KEY, seconds);
	}

	/**
	 * Expire the session at a fixed time, this long from now (Django's
	 * {@code set_expiry(timedelta)}), clamped as {@link #setExpiry(Instant)} does.
	 * @param fromNow how long from now
	 */
	public void setExpiry(Duration fromNow) {
		setExpiry(SessionExpiry.plus(this.factory.getExpiry().now(), fromNow));
	}

	/**
	 * Expire the session at a fixed time (Django's {@code set_expiry(datetime)}). Stored
	 * as an ISO-8601 string under {@value SessionExpiry#EXPIRY_KEY}, clamped to what
	 * every store can hold ({@link SessionExpiry#clamp(Instant)}).
	 * @param date when the session expires
	 */
	public void setExpiry(Instant date) {
		set(SessionExpiry.EXPIRY_KEY, SessionExpiry.format(SessionExpiry.clamp(date)));
	}

	/**
	 * Remove the custom expiry, so the configured cookie age and browser-close setting
	 * apply again (Django's {@code set_expiry(None)}).
	 */
	public void clearExpiry() {
		pop(SessionExpiry.EXPIRY_KEY);
	}

	/**
	 * Return the seconds until the session expires, counted from now (Django's
	 * {@code get_expiry_age}).
	 * @return the expiry age in seconds
	 */
	public long getExpiryAge() {
		return this.factory.getExpiry().age(get(SessionExpiry.EXPIRY_KEY), this.factory.getExpiry().now());
	}

	/**
	 * Return when the session expires if saved now (Django's {@code get_expiry_date}).
	 * @return the expiry date
	 */
	public Instant getExpiryDate() {
		return this.factory.getExpiry().date(get(SessionExpiry.EXPIRY_KEY), this.factory.getExpiry().now());
	}

	/**
	 * Return whether the session cookie lasts only until the browser closes (Django's
	 * {@code get_expire_at_browser_close}).
	 * @return whether the cookie is a browser-session cookie
	 */
	public boolean isExpireAtBrowserClose() {
		return this.factory.getExpiry().expiresAtBrowserClose(get(SessionExpiry.EXPIRY_KEY));
	}

	/**
	 * Delete the session and its data, and forget the key (Django's {@code flush}), as a
	 * logout does. The response then deletes the cookie.
	 */
	public void flush() {
		deletePending();
		Map<String, @Nullable Object> data = this.cache;
		if (data == null && this.key != null && this.factory.hasListener()) {
			// the listener is told what the session held, such as the user it was
			// logged in as; the read finds out too whether the key names a live session
			data = load(this.key);
		}
		String flushedKey = this.key;
		clear();
		this.key = null;
		if (flushedKey != null) {
			this.factory.getEngine().delete(flushedKey);
			if (data != null) {
				this.factory.getListener().flushed(flushedKey, Collections.unmodifiableMap(data));
			}
		}
	}

	/**
	 * Move the data to a new key and delete the old session (Django's {@code cycle_key}),
	 * as a login does against session fixation.
	 */
	public void cycleKey() {
		deletePending();
		data();
		String oldKey = this.key;
		create(false);
		if (oldKey != null) {
			this.factory.getEngine().delete(oldKey);
		}
	}

	/**
	 * Empty the session and forget its key now, and delete the stored session at the next
	 * write ({@link #deletePending()}): Django's {@code flush} for a caller that must not
	 * wait for the store, such as a reactive request on its event loop. The listener is
	 * told what the session held if its data was read. Until the write, the old key still
	 * names the old session in the store; the session middleware writes at the latest
	 * when the response commits.
	 */
	public void flushLater() {
		String flushedKey = this.keyReadAheadAsDead ? null : this.key;
		Map<String, @Nullable Object> data = this.cache;
		clear();
		this.key = null;
		pendDeletion(flushedKey, data);
	}

	/**
	 * Move the data to a new key when the session is saved, and delete the stored session
	 * then ({@link #deletePending()}): Django's {@code cycle_key} for a caller that must
	 * not wait for the store. The data must have been read ({@link #readAhead()}).
	 */
	public void cycleKeyLater() {
		Assert.state(this.cache != null || this.key == null || this.keyReadAheadAsDead,
				"The session's data has not been read");
		data();
		String oldKey = this.key;
		this.key = null;
		this.modified = true;
		pendDeletion(oldKey, null);
	}

	/**
	 * Return whether {@link #flushLater()} or {@link #cycleKeyLater()} left a stored
	 * session to delete.
	 * @return whether a deletion is pending
	 */
	public boolean hasPendingDeletion() {
		return this.pendingDeletion != null;
	}

	/**
	 * Delete the stored session that {@link #flushLater()} or {@link #cycleKeyLater()}
	 * ended, and tell the listener of a flush. Every write to the store does this first;
	 * the session middleware does it when the response commits.
	 */
	public void deletePending() {
		String key = this.pendingDeletion;
		if (key == null) {
			return;
		}
		Map<String, @Nullable Object> data = this.pendingDeletionData;
		this.pendingDeletion = null;
		this.pendingDeletionData = null;
		this.factory.getEngine().delete(key);
		if (data != null) {
			this.factory.getListener().flushed(key, Collections.unmodifiableMap(data));
		}
	}

	private void pendDeletion(@Nullable String key, @Nullable Map<String, @Nullable Object> data) {
		this.keyReadAheadAsDead = false;
		this.keyConfirmed = false;
		this.version = null;
		if (key != null && this.pendingDeletion == null) {
			this.pendingDeletion = key;
			this.pendingDeletionData = data;
		}
	}

	/**
	 * Store the test value that tells, on a later request, whether the browser keeps
	 * cookies (Django's {@code set_test_cookie}).
	 */
	public void setTestCookie() {
		set(TEST_COOKIE_KEY, TEST_COOKIE_VALUE);
	}

	/**
	 * Return whether the test value stored by {@link #setTestCookie()} came back.
	 * @return whether the browser keeps cookies
	 */
	public boolean testCookieWorked() {
		return TEST_COOKIE_VALUE.equals(get(TEST_COOKIE_KEY));
	}

	/**
	 * Remove the test value (Django's {@code delete_test_cookie}); unlike Django, an
	 * absent test value is not an error.
	 */
	public void deleteTestCookie() {
		pop(TEST_COOKIE_KEY);
	}

	/**
	 * Return whether this request read the session but will not save it, while its
	 * recorded activity is older than the idle timeout's resolution: saving it keeps it
	 * from going idle. Always {@code false} without an idle timeout. Does not load.
	 * @return whether the session should be saved to record its activity
	 */
	public boolean needsActivityRefresh() {
		return this.cache != null && this.key != null && this.keyConfirmed && !this.modified
				&& this.factory.activityIsStale(this.cache);
	}

	/**
	 * Load the data now if it has not been loaded, so that a key that names no live
	 * session is forgotten before the session is judged empty or saved. The session
	 * middleware calls this before it decides what to do.
	 */
	public void ensureLoaded() {
		if (this.cache == null && this.key != null) {
			this.cache = load(this.key);
		}
	}

	/**
	 * Read the stored data now if it has not been read, for a web stack whose threads
	 * must not wait for the store when the application first uses the session. A key that
	 * names a live session is loaded, as {@link #ensureLoaded()} loads it. A key that
	 * names none is kept until the data is first used, as a session loaded on first use
	 * keeps it: a {@link #clear()} before any read then saves the session under a new
	 * key, as in Django, instead of leaving nothing to save. Forgetting it later reads
	 * nothing more.
	 */
	public void readAhead() {
		if (this.cache != null || this.key == null) {
			return;
		}
		String key = this.key;
		Map<String, @Nullable Object> data = load(key);
		if (this.key == null) {
			this.key = key;
			this.keyReadAheadAsDead = true;
		}
		else {
			this.cache = data;
		}
	}

	/**
	 * Save the session (Django's {@code save}): create it under a new key when it has
	 * none, or when its key named no live session; update it otherwise. The session
	 * middleware calls this when the response is committed.
	 * @throws SessionUpdateException if the session was deleted since it was loaded
	 * @throws SessionConflictException if other requests kept changing the session until
	 * the save gave up; nothing was saved
	 */
	public void save() {
		deletePending();
		data();
		if (this.key == null) {
			create(true);
			return;
		}
		try {
			update(this.key);
		}
		catch (SessionUpdateException ex) {
			if (this.keyConfirmed) {
				throw ex;
			}
			// the key was never found in the store: like any unknown key, it is not
			// adopted, and the session is a new one
			this.key = null;
			create(true);
		}
	}

	private Map<String, @Nullable Object> data() {
		this.accessed = true;
		if (this.cache == null) {
			this.cache = (this.key != null) ? load(this.key) : new LinkedHashMap<>();
		}
		return this.cache;
	}

	private Map<String, @Nullable Object> load(String key) {
		if (this.keyReadAheadAsDead) {
			this.keyReadAheadAsDead = false;
			this.key = null;
			return new LinkedHashMap<>();
		}
		StoredSession loaded = this.factory.getEngine().loadStored(key);
		if (loaded == null || this.factory.outlivedAbsoluteAge(loaded.data())
				|| this.factory.outlivedIdleTimeout(loaded.data())
				|| !this.factory.getListener().loaded(key, Collections.unmodifiableMap(loaded.data()))) {
			this.key = null;
			return new LinkedHashMap<>();
		}
		this.keyConfirmed = true;
		this.version = loaded.version();
		if (loaded.outdated()) {
			// saved again unchanged, under the current key: like markActive(), no value
			// counts as changed, so a concurrent save's values are kept
			this.modified = true;
		}
		return loaded.data();
	}

	/**
	 * Store the data under a new key.
	 * @param saves whether this is the request's save, after which no key counts as
	 * changed; a move to a new key keeps the request's record of what it changed
	 */
	private void create(boolean saves) {
		for (int attempt = 0; attempt < CREATE_ATTEMPTS; attempt++) {
			try {
				persist(this.factory.newKey(), true);
				this.modified = true;
				this.keyConfirmed = true;
				// nobody else knows the new key before this response carries it
				this.version = null;
				if (saves) {
					this.changes.reset();
				}
				return;
			}
			catch (SessionCreateException ex) {
				// a key collision: try another key
			}
		}
		throw new IllegalStateException("Unable to create a new session key after " + CREATE_ATTEMPTS
				+ " attempts; the store rejects every key");
	}

	/**
	 * Update the stored session: a compare-and-set against the version this request
	 * loaded, in one write with the saves of the session that other requests of this
	 * process make at the same time; an unconditional save when there is no version.
	 */
	private void update(String key) {
		if (this.version == null) {
			persist(key, false);
			this.changes.reset();
			return;
		}
		this.factory.getSaveBatches().save(key, this, (batch, last) -> write(this.factory, key, batch, last));
		RuntimeException failure = this.saveFailure;
		if (failure != null) {
			this.saveFailure = null;
			throw failure;
		}
	}

	/**
	 * Write a batch of saves of one key. When the session the batch makes is too large,
	 * each save is written alone, so that only the request whose data is too large fails.
	 */
	private static @Nullable StoredSession write(SessionFactory factory, String key, List<Session> batch,
			@Nullable StoredSession last) {
		try {
			return compareAndSave(factory, key, batch, last);
		}
		catch (SessionDataTooLargeException ex) {
			if (batch.size() == 1) {
				throw ex;
			}
			StoredSession saved = last;
			for (Session session : batch) {
				try {
					saved = compareAndSave(factory, key, List.of(session), saved);
				}
				catch (RuntimeException failure) {
					session.saveFailure = failure;
				}
			}
			return saved;
		}
	}

	/**
	 * Save a batch by compare-and-set: its requests' changes applied one after the other
	 * to what the first loaded, or to what this process last saved when that is newer. On
	 * a conflict, apply them to the session as the conflict reports it and try again, at
	 * once the first time, then, since only saves of other processes cause more, after a
	 * short random wait that grows with each conflict. The wait is short because this
	 * process's other saves of the session wait for it.
	 * @return what was saved, to hand on to the next batch, or {@code null}
	 */
	private static @Nullable StoredSession compareAndSave(SessionFactory factory, String key, List<Session> batch,
			@Nullable StoredSession last) {
		Session first = batch.get(0);
		Map<String, @Nullable Object> data;
		@Nullable Object version;
		if (last != null && !Objects.equals(last.version(), first.version)) {
			// this process saved the session since the first request loaded it: start
			// from what it saved, which is stored unless another process saved since
			data = applyChanges(batch, last.data());
			version = last.version();
		}
		else {
			data = applyChanges(batch.subList(1, batch.size()), first.stamped());
			version = first.version;
		}
		for (int attempt = 1; version != null; attempt++) {
			long started = System.nanoTime();
			factory.stampCreation(data);
			factory.stampActivity(data);
			Instant expiresAt = first.expiresAt(data);
			SaveResult result = factory.getEngine().compareAndSave(key, data, expiresAt, version);
			if (result instanceof SaveResult.Saved saved) {
				saved(batch, key, data, saved.version());
				factory.getListener().saved(key, key, Collections.unmodifiableMap(data), expiresAt);
				return (saved.version() != null) ? new StoredSession(new LinkedHashMap<>(data), saved.version()) : null;
			}
			StoredSession current = ((SaveResult.Conflict) result).current();
			factory.recordSaveConflict();
			if (attempt == SAVE_ATTEMPTS) {
				factory.recordFailedSaves(batch.size());
				throw new SessionConflictException(SAVE_ATTEMPTS);
			}
			data = applyChanges(batch, current.data());
			version = current.version();
			if (attempt > 1) {
				// other processes keep saving: try again after a short random wait, so
				// that saves racing in step fall out of step
				backOff(attempt, System.nanoTime() - started);
			}
		}
		// the conflict reported a session without a version: save unconditionally
		factory.stampCreation(data);
		factory.stampActivity(data);
		Instant expiresAt = first.expiresAt(data);
		String savedKey = factory.getEngine().save(key, data, expiresAt, false);
		saved(batch, savedKey, data, null);
		factory.getListener().saved(key, savedKey, Collections.unmodifiableMap(data), expiresAt);
		return null;
	}

	private static Map<String, @Nullable Object> applyChanges(List<Session> batch,
			Map<String, @Nullable Object> stored) {
		Map<String, @Nullable Object> data = stored;
		for (Session session : batch) {
			data = session.changes.applyTo(data, session.stamped());
		}
		return data;
	}

	/**
	 * Give every request of a batch what was saved, in a map of its own.
	 */
	private static void saved(List<Session> batch, String key, Map<String, @Nullable Object> data,
			@Nullable Object version) {
		for (Session session : batch) {
			session.key = key;
			session.cache = (session == batch.get(0)) ? data : new LinkedHashMap<>(data);
			session.version = version;
			session.changes.reset();
		}
	}

	/**
	 * Wait a random while before the next try of a save, up to a multiple of how long a
	 * try takes that doubles with each try (up to eight), so that saves spread out as
	 * much on a slow store as on a fast one.
	 */
	private static void backOff(int attempt, long tryNanos) {
		long unit = Math.max(tryNanos, MIN_SAVE_BACKOFF_UNIT_NANOS);
		long bound = Math.min(MAX_SAVE_BACKOFF_NANOS, unit << Math.min(attempt - 1, 3));
		try {
			TimeUnit.NANOSECONDS.sleep(ThreadLocalRandom.current().nextLong(bound + 1));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void persist(String key, boolean mustCreate) {
		Map<String, @Nullable Object> data = stamped();
		Instant expiresAt = expiresAt(data);
		String previousKey = this.key;
		String savedKey = this.factory.getEngine().save(key, data, expiresAt, mustCreate);
		this.key = savedKey;
		this.factory.getListener().saved(previousKey, savedKey, Collections.unmodifiableMap(data), expiresAt);
	}

	private Map<String, @Nullable Object> stamped() {
		Map<String, @Nullable Object> data = (this.cache != null) ? this.cache : new LinkedHashMap<>();
		this.cache = data;
		this.factory.stampCreation(data);
		this.factory.stampActivity(data);
		return data;
	}

	private Instant expiresAt(Map<String, @Nullable Object> data) {
		SessionExpiry expiry = this.factory.getExpiry();
		return this.factory.expiresAt(expiry.date(data.get(SessionExpiry.EXPIRY_KEY), expiry.now()));
	}

}
