package io.sessionengines.autoconfigure;

import java.time.Clock;

import io.sessionengines.engine.SessionCodec;
import io.sessionengines.serializer.SessionSerializer;
import io.sessionengines.signing.TimestampSigner;
import io.sessionengines.web.SessionCookie;

import org.springframework.util.unit.DataSize;

/**
 * Builds the codecs that sign session data with the configured secret key, failing fast
 * when a key is missing, too short, an unresolved placeholder, the demo's published key
 * or of very low variety, and bounds the size of that data.
 *
 * @author Session Engines contributors
 */
final class SessionSigners {

	static final int MIN_SECRET_KEY_LENGTH = 32;

	/**
	 * The fewest distinct characters a key may have, as Django's deploy check
	 * {@code security.W009} requires.
	 */
	static final int MIN_SECRET_KEY_CHARACTERS = 5;

	/**
	 * The secret key of the demo application's {@code application.properties}: public, so
	 * it signs nothing an attacker could not forge.
	 */
	static final String DEMO_SECRET_KEY = "dev-only-I9mAm2bxukApKYOa4Z44sb5dk1jg2Ht-Ex66cRWW-e7bf84mYikxHbIFZbitK9Lg";

	private SessionSigners() {
	}

	/**
	 * Return the codec of the session data that server-side engines store ({@code db},
	 * {@code cached_db}, {@code file} and the signed {@code cache}), signed with Django's
	 * salt for stored data.
	 * @param properties the properties
	 * @param serializer the session serializer
	 * @return the codec
	 */
	static SessionCodec storedDataCodec(SessionEngineProperties properties, SessionSerializer serializer) {
		return codec(properties, serializer, SessionCodec.STORED_DATA_SALT, SessionEngineAutoConfiguration.CLOCK);
	}

	static SessionCodec codec(SessionEngineProperties properties, SessionSerializer serializer, String salt,
			Clock clock) {
		String secretKey = secretKey(properties,
				"the '" + properties.getEngine().getDjangoName() + "' session engine signs session data");
		TimestampSigner signer = new TimestampSigner(secretKey, properties.getSecretKeyFallbacks(), salt, clock);
		return new SessionCodec(serializer, signer, maxDataSize(properties));
	}

	/**
	 * Return the configured secret key, having checked it and its fallbacks.
	 * @param properties the properties
	 * @param use what the key is needed for, to say so when it is refused
	 * @return the secret key
	 */
	static String secretKey(SessionEngineProperties properties, String use) {
		String secretKey = properties.getSecretKey();
		String action = "Set session.secret-key (environment variable SESSION_SECRET_KEY) to a random string of at least "
				+ MIN_SECRET_KEY_LENGTH + " characters, for example the output of 'openssl rand -base64 48', "
				+ "and keep it secret. To rotate it, move the old key to session.secret-key-fallbacks.";
		if (secretKey == null || secretKey.isBlank()) {
			throw new SessionConfigurationException("No secret key is configured, but " + use + ".", action);
		}
		if (secretKey.length() < MIN_SECRET_KEY_LENGTH) {
			throw new SessionConfigurationException("The secret key (session.secret-key) has " + secretKey.length()
					+ " characters, but " + use + ", which needs at least " + MIN_SECRET_KEY_LENGTH + " to be safe.",
					action);
		}
		checkKey("session.secret-key", secretKey, properties, action);
		for (String fallback : properties.getSecretKeyFallbacks()) {
			checkKey("One of session.secret-key-fallbacks", fallback, properties, action);
		}
		return secretKey;
	}

	/**
	 * Refuse a key that anyone could know or guess: an unresolved placeholder (its own
	 * text would sign the data), the demo's published key outside the demo, or a key of
	 * very few distinct characters.
	 */
	private static void checkKey(String name, String key, SessionEngineProperties properties, String action) {
		if (key.contains("${")) {
			throw new SessionConfigurationException(
					name + " contains an unresolved placeholder ('${'), so its own " + "text would be the key.",
					"Define the variable the placeholder names, or set the key through "
							+ "the SESSION_SECRET_KEY environment variable, which binds by itself. " + action);
		}
		if (DEMO_SECRET_KEY.equals(key) && !properties.isAllowDemoSecretKey()) {
			throw new SessionConfigurationException(name + " is the development key published with the demo "
					+ "application, so anyone could forge sessions signed with it.", action);
		}
		if (key.chars().distinct().count() < MIN_SECRET_KEY_CHARACTERS) {
			throw new SessionConfigurationException(name + " has fewer than " + MIN_SECRET_KEY_CHARACTERS
					+ " distinct characters, so it is easily guessed.", action);
		}
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
