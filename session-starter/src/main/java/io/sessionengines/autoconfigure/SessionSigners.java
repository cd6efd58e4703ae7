package io.sessionengines.autoconfigure;

import java.time.Clock;

import io.sessionengines.engine.SessionCodec;
import io.sessionengines.serializer.SessionSerializer;
import io.sessionengines.signing.TimestampSigner;
import io.sessionengines.web.SessionCookie;

import org.springframework.util.unit.DataSize;

/**
 * Builds the codecs that sign session data with the configured secret key, failing fast
 * when the key is missing or too short to be safe, and bounds the size of that data.
 *
 * @author Session Engines contributors
 */
final class SessionSigners {

	static final int MIN_SECRET_KEY_LENGTH = 32;

	private SessionSigners() {
	}

	static SessionCodec codec(SessionEngineProperties properties, SessionSerializer serializer, String salt,
			Clock clock) {
		String secretKey = properties.getSecretKey();
		String engine = properties.getEngine().getDjangoName();
		String action = "Set session.secret-key (environment variable SESSION_SECRET_KEY) to a random string of at least "
				+ MIN_SECRET_KEY_LENGTH + " characters, for example the output of 'openssl rand -base64 48', "
				+ "and keep it secret. To rotate it, move the old key to session.secret-key-fallbacks.";
		if (secretKey == null || secretKey.isBlank()) {
			throw new SessionConfigurationException(
					"No secret key is configured, but the '" + engine + "' session engine signs session data.", action);
		}
		if (secretKey.length() < MIN_SECRET_KEY_LENGTH) {
			throw new SessionConfigurationException("The secret key (session.secret-key) has " + secretKey.length()
					+ " characters; the '" + engine + "' session engine needs at least " + MIN_SECRET_KEY_LENGTH
					+ " to sign session data safely.", action);
		}
		TimestampSigner signer = new TimestampSigner(secretKey, properties.getSecretKeyFallbacks(), salt, clock);
		return new SessionCodec(serializer, signer, maxDataSize(properties));
	}

	/**
	 * Return the bound on a session's serialized data, which the codecs and the session
	 * factory share: {@code session.max-data-size}, or by default what a cookie holds for
	 * {@code signed_cookies} and {@link SessionCodec#DEFAULT_MAX_DATA_SIZE} for the
	 * engines that store sessions on the server.
	 * @param properties the properties
	 * @return the bound, in bytes
	 */
	static int maxDataSize(SessionEngineProperties properties) {
		DataSize configured = properties.getMaxDataSize();
		if (configured != null) {
			return (int) configured.toBytes();
		}
		return (properties.getEngine() == SessionEngineType.SIGNED_COOKIES) ? SessionCookie.MAX_SIZE
				: SessionCodec.DEFAULT_MAX_DATA_SIZE;
	}

}
