package io.sessionengines.engine.signedcookies;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;

import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.SessionKeyHash;
import io.sessionengines.engine.StoredSession;
import io.sessionengines.serializer.SessionSerializationException;
import io.sessionengines.signing.BadSignatureException;
import io.sessionengines.signing.PayloadTooLargeException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Django's {@code signed_cookies} engine: the session data, signed with Django's token
 * format, is the cookie value; nothing is stored on the server.
 * <p>
 * A token is valid for the cookie age after it was signed, as in Django. Unlike Django, a
 * custom expiry is enforced too: the deadline is derived from the signed data (its
 * {@value SessionExpiry#EXPIRY_KEY}) and the signed timestamp, so a client cannot extend
 * it. A tampered, expired or malformed token loads as no session, and so does one signed
 * more than {@link #MAX_CLOCK_SKEW} in the future (Django accepts it).
 * <p>
 * The client can read the data, and a copy of an old cookie stays valid until it expires,
 * unless the session registry ({@code io.sessionengines.registry}) revokes it: a
 * logged-in session carries a registry id in its signed data, which a logout or an end
 * revokes.
 * <p>
 * With no stored session to compare against, concurrent requests cannot merge their
 * changes: each response carries a complete cookie made from what its request received
 * and changed, and the browser keeps the last one it receives, so of two concurrent
 * requests that change the session, the changes of the one answered first are lost. Every
 * cookie is whole and validly signed; no cookie mixes the data of two requests.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public final class SignedCookieSessionEngine implements SessionEngine {

	/**
	 * The salt Django uses for signed-cookie sessions.
	 */
	public static final String SALT = "django.contrib.sessions.backends.signed_cookies";

	/**
	 * How far in the future a token's signing time may be, for clocks that differ between
	 * servers; a token signed later than that was not signed by a server with a sane
	 * clock (or was forged with a leaked key to outlive its cookie age), and loads as no
	 * session.
	 */
	public static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(60);

	private static final Log logger = LogFactory.getLog(SignedCookieSessionEngine.class);

	private final SessionCodec codec;

	private final SessionExpiry expiry;

	/**
	 * Create an engine.
	 * @param codec the codec, whose signer uses {@link #SALT}
	 * @param expiry the expiry rules
	 */
	public SignedCookieSessionEngine(SessionCodec codec, SessionExpiry expiry) {
		Assert.notNull(codec, "'codec' must not be null");
		Assert.notNull(expiry, "'expiry' must not be null");
		this.codec = codec;
		this.expiry = expiry;
	}

	@Override
	public @Nullable Map<String, @Nullable Object> load(String token) {
		StoredSession stored = loadStored(token);
		return (stored != null) ? stored.data() : null;
	}

	/**
	 * Load a session from its cookie, with no version (a cookie cannot be compared and
	 * set) and, when another key than the current signing key made it, as outdated, so
	 * that the request sets a cookie under the current key.
	 * @param token the cookie's value
	 * @return the session, or {@code null} when the cookie does not verify or is too old
	 */
	@Override
	public @Nullable StoredSession loadStored(String token) {
		SessionCodec.Decoded decoded;
		try {
			decoded = this.codec.decode(token);
		}
		catch (PayloadTooLargeException ex) {
			// validly signed, so made with the key: worth an operator's attention
			logger.warn("Session data refused (session " + SessionKeyHash.of(token) + "): " + ex.getMessage());
			return null;
		}
		catch (BadSignatureException | SessionSerializationException ex) {
			logger.debug("Ignoring an invalid session cookie: " + ex.getMessage());
			return null;
		}
		Instant now = this.expiry.now();
		Instant signedAt = decoded.signedAt();
		if (signedAt.isAfter(now.plus(MAX_CLOCK_SKEW))) {
			logger.debug("Ignoring a session cookie signed in the future, at " + signedAt);
			return null;
		}
		boolean tooOld = now.isAfter(SessionExpiry.plus(signedAt, this.expiry.getCookieAge()));
		Instant deadline = this.expiry.date(decoded.data().get(SessionExpiry.EXPIRY_KEY), signedAt);
		return (tooOld || now.isAfter(deadline)) ? null : new StoredSession(decoded.data(), null, decoded.outdated());
	}

	@Override
	public String save(String key, Map<String, @Nullable Object> data, Instant expiresAt, boolean mustCreate) {
		return this.codec.encode(data);
	}

	@Override
	public void delete(String key) {
		// nothing is stored: the response deletes the cookie
	}

	@Override
	public boolean isKeyPayload() {
		return true;
	}

	@Override
	public OptionalLong clearExpired() {
		return OptionalLong.empty();
	}

}
