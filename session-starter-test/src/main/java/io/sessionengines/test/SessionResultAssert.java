package io.sessionengines.test;

import java.util.Map;
import java.util.Objects;

import io.sessionengines.web.SessionCookie;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.MapAssert;
import org.jspecify.annotations.Nullable;

import org.springframework.test.web.servlet.MvcResult;

/**
 * AssertJ assertions on the session a MockMvc request left: its data, read back from the
 * application's session engine with the key the next request would send, and its cookie.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 * @see SessionAssertions#assertThat(MvcResult)
 */
public class SessionResultAssert extends AbstractAssert<SessionResultAssert, MvcResult> {

	private @Nullable SessionAfterRequest session;

	/**
	 * Create assertions on the session a request left.
	 * @param result the request's result
	 */
	protected SessionResultAssert(MvcResult result) {
		super(result, SessionResultAssert.class);
	}

	/**
	 * Verify that the session holds a value.
	 * @param key the key
	 * @param value the expected value
	 * @return {@code this}
	 */
	public SessionResultAssert hasValue(String key, @Nullable Object value) {
		Map<String, @Nullable Object> data = liveData("hold " + key + "=" + value);
		if (!data.containsKey(key)) {
			throw failure("Expected the session to hold %s=%s, but it has no '%s' (it holds %s)", key, value, key,
					data);
		}
		Object actualValue = data.get(key);
		if (!Objects.equals(actualValue, value)) {
			// values that print the same differ in type, such as 1 and 1L
			boolean sameText = String.valueOf(actualValue).equals(String.valueOf(value));
			throw failure("Expected the session to hold %s=%s, but it holds %s=%s", key,
					sameText ? withType(value) : value, key, sameText ? withType(actualValue) : actualValue);
		}
		return this;
	}

	/**
	 * Verify that the session does not hold a key; no session at all holds no key.
	 * @param key the key
	 * @return {@code this}
	 */
	public SessionResultAssert doesNotContainKey(String key) {
		Map<String, @Nullable Object> data = session().getData();
		if (data != null && data.containsKey(key)) {
			throw failure("Expected the session not to hold '%s', but it holds %s=%s", key, key, data.get(key));
		}
		return this;
	}

	/**
	 * Return assertions on the session's data, which must exist.
	 * @return assertions on a copy of the data, internal keys included
	 */
	public MapAssert<String, @Nullable Object> data() {
		return Assertions.assertThat(liveData("exist"));
	}

	/**
	 * Verify that the request created no session: its response sets no session cookie
	 * with a value.
	 * @return {@code this}
	 */
	public SessionResultAssert noSessionCreated() {
		SessionAfterRequest session = session();
		String cookie = session.getResponseCookie();
		if (cookie != null && !cookie.isEmpty()) {
			Map<String, @Nullable Object> data = session.getSessions().load(cookie);
			throw failure(
					"Expected no session to be created, but the response set the session cookie '%s' for a "
							+ "session holding %s",
					session.getCookieName(), (data != null) ? data.keySet() : "nothing");
		}
		return this;
	}

	/**
	 * Verify that the request's session moved to a new key, as at a login: the request
	 * carried a session cookie, the response sets a new one, and the old key names no
	 * session any more (unless it is a signed cookie, which names its data wherever it is
	 * sent).
	 * @return {@code this}
	 */
	public SessionResultAssert keyCycled() {
		SessionAfterRequest session = session();
		String oldKey = session.getRequestKey();
		if (oldKey == null) {
			throw failure("Expected the session key to be cycled, but the request carried no session cookie '%s'",
					session.getCookieName());
		}
		String newKey = session.getResponseCookie();
		if (newKey == null || newKey.isEmpty()) {
			throw failure("Expected the session key to be cycled, but the response %s (status %s)",
					(newKey != null) ? "deleted the session cookie '" + session.getCookieName() + "'"
							: "set no session cookie '" + session.getCookieName() + "'",
					session.getStatus());
		}
		if (newKey.equals(oldKey)) {
			throw failure("Expected the session key to be cycled, but the response kept the key %s", oldKey);
		}
		if (!session.isKeyPayload() && session.isLive(oldKey)) {
			throw failure("Expected the session key to be cycled, but the old key %s still names a live session",
					oldKey);
		}
		return this;
	}

	/**
	 * Verify that the request's session was flushed, as at a logout: the request carried
	 * a session cookie, the response deletes it, and its key names no session any more
	 * (unless it is a signed cookie).
	 * @return {@code this}
	 */
	public SessionResultAssert isFlushed() {
		SessionAfterRequest session = session();
		String oldKey = session.getRequestKey();
		if (oldKey == null) {
			throw failure("Expected the session to be flushed, but the request carried no session cookie '%s'",
					session.getCookieName());
		}
		if (!session.isCookieDeleted()) {
			throw failure("Expected the session to be flushed, but the response %s",
					(session.getResponseCookie() == null)
							? "did not delete the session cookie '" + session.getCookieName() + "'"
							: "set the session cookie '" + session.getCookieName() + "' to a new value");
		}
		if (!session.isKeyPayload() && session.isLive(oldKey)) {
			throw failure("Expected the session to be flushed, but its key %s still names a live session", oldKey);
		}
		return this;
	}

	/**
	 * Verify that the response sets a session cookie of at most the given size, name and
	 * value together, as browsers count it.
	 * @param maxSize the largest size in bytes
	 * @return {@code this}
	 */
	public SessionResultAssert cookieWithin(int maxSize) {
		SessionAfterRequest session = session();
		String cookie = session.getResponseCookie();
		if (cookie == null || cookie.isEmpty()) {
			throw failure("Expected the response to set the session cookie '%s', but it %s (status %s)",
					session.getCookieName(), (cookie != null) ? "deleted it" : "set none", session.getStatus());
		}
		int size = session.getCookieName().length() + cookie.length();
		if (size > maxSize) {
			throw failure(
					"Expected the session cookie '%s' to be at most %s bytes (name and value), but it is %s " + "bytes",
					session.getCookieName(), maxSize, size);
		}
		return this;
	}

	/**
	 * Verify that the response sets a session cookie that browsers keep: at most
	 * {@value SessionCookie#MAX_SIZE} bytes, name and value together.
	 * @return {@code this}
	 */
	public SessionResultAssert cookieWithinBrowserLimit() {
		return cookieWithin(SessionCookie.MAX_SIZE);
	}

	private Map<String, @Nullable Object> liveData(String expectation) {
		SessionAfterRequest session = session();
		String key = session.getKey();
		if (key == null) {
			throw failure("Expected the session to %s, but there is no session: %s", expectation,
					session.isCookieDeleted()
							? "the response deleted the session cookie '" + session.getCookieName() + "'"
							: "neither the request nor the response carries the session cookie '"
									+ session.getCookieName() + "'");
		}
		Map<String, @Nullable Object> data = session.getData();
		if (data == null) {
			throw failure("Expected the session to %s, but its key %s names no live session", expectation, key);
		}
		return data;
	}

	private SessionAfterRequest session() {
		isNotNull();
		if (this.session == null) {
			this.session = SessionAfterRequest.of(this.actual);
		}
		return this.session;
	}

	private static String withType(@Nullable Object value) {
		return (value != null) ? value + " (" + value.getClass().getName() + ")" : "null";
	}

}
