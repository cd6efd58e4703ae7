package io.sessionengines.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.sessionengines.engine.SessionCodec;
import io.sessionengines.serializer.SessionSerializer;
import io.sessionengines.signing.SigningKey;
import io.sessionengines.signing.SigningKeyRing;
import io.sessionengines.signing.TimestampSigner;
import io.sessionengines.signing.TokenCipher;
import io.sessionengines.web.SessionCookie;

import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/**
 * Builds the codecs that sign (or, with {@code session.encryption.enabled}, encrypt)
 * session data with the configured key ring, or the secret key and its fallbacks, failing
 * fast when a key is missing, too short, an unresolved placeholder, the demo's published
 * key or of very low variety, and bounds the size of that data.
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
		SigningKeyRing ring = ring(properties,
				"the '" + properties.getEngine().getDjangoName() + "' session engine signs session data", clock);
		// a cipher also when encryption is off, so that turning it off logs nobody out
		return new SessionCodec(serializer, new TimestampSigner(ring, salt, clock), new TokenCipher(ring, salt, clock),
				properties.getEncryption().isEnabled(), maxDataSize(properties));
	}

	/**
	 * Return the signing keys: the key ring ({@code session.key-ring.*}) when it has
	 * keys, or else the secret key and its fallbacks, having checked them.
	 * @param properties the properties
	 * @param use what the keys are needed for, to say so when they are refused
	 * @param clock the clock that tells which keys are usable now
	 * @return the keys
	 */
	static SigningKeyRing ring(SessionEngineProperties properties, String use, Clock clock) {
		SessionEngineProperties.KeyRing configured = properties.getKeyRing();
		if (configured.getKeys().isEmpty()) {
			return SigningKeyRing.of(secretKey(properties, use), properties.getSecretKeyFallbacks());
		}
		String action = "Give each key of session.key-ring.keys an id (1 to 32 letters, digits, '_' or '-', "
				+ "unique) and a random secret of at least " + MIN_SECRET_KEY_LENGTH + " characters, "
				+ "for example the output of 'openssl rand -base64 48'; keep the secrets secret.";
		if (StringUtils.hasText(properties.getSecretKey()) || !properties.getSecretKeyFallbacks().isEmpty()) {
			throw new SessionConfigurationException(
					"Both session.key-ring.keys and session.secret-key (or "
							+ "session.secret-key-fallbacks) are set, so it is unclear which keys sign sessions.",
					"Move the secret key into the key ring (as a key without active-from) and its fallbacks "
							+ "after it, then remove session.secret-key and session.secret-key-fallbacks.");
		}
		List<SigningKey> keys = new ArrayList<>();
		for (int i = 0; i < configured.getKeys().size(); i++) {
			keys.add(key(configured.getKeys().get(i), "session.key-ring.keys[" + i + "]", properties, action));
		}
		Duration retireAfter = (configured.getRetireAfter() != null) ? configured.getRetireAfter()
				: properties.getCookie().getAge();
		SigningKeyRing ring;
		try {
			ring = new SigningKeyRing(keys, retireAfter);
		}
		catch (IllegalArgumentException ex) {
			throw new SessionConfigurationException(
					"The key ring (session.key-ring) is invalid: " + ex.getMessage() + ".", action);
		}
		Instant now = clock.instant();
		Instant gap = ring.firstTimeWithoutSigningKey(now);
		if (gap != null && gap.equals(now)) {
			throw new SessionConfigurationException(
					"No key of the key ring (session.key-ring.keys) can sign now, " + "but " + use
							+ ": every key is revoked, retired or not active yet.",
					"Add a key without active-from (or with one in the past) that is not revoked. " + action);
		}
		if (gap != null) {
			throw new SessionConfigurationException(
					"From " + gap + " no key of the key ring (session.key-ring.keys)"
							+ " could sign, because the last key that can retires then (retires-at), but " + use + ".",
					"Add a key that becomes active before then, or remove that key's retires-at. " + action);
		}
		return ring;
	}

	private static SigningKey key(SessionEngineProperties.KeyRing.Key key, String name,
			SessionEngineProperties properties, String action) {
		String id = key.getId();
		if (id == null || !SigningKey.ID_PATTERN.matcher(id).matches()) {
			throw new SessionConfigurationException(name + ".id is " + ((id != null) ? "'" + id + "'" : "missing")
					+ ", but a key id is 1 to 32 letters, digits, '_' or '-'.", action);
		}
		String secret = key.getSecret();
		String keyName = "The secret of key '" + id + "' (" + name + ".secret)";
		if (secret == null || secret.isBlank()) {
			throw new SessionConfigurationException(keyName + " is missing.", action);
		}
		if (secret.length() < MIN_SECRET_KEY_LENGTH) {
			throw new SessionConfigurationException(keyName + " has " + secret.length() + " characters, but at least "
					+ MIN_SECRET_KEY_LENGTH + " are needed to be safe.", action);
		}
		checkKey(keyName, secret, properties, action);
		try {
			return new SigningKey(id, secret, key.getActiveFrom(), key.getRetiresAt(), key.isRevoked());
		}
		catch (IllegalArgumentException ex) {
			throw new SessionConfigurationException(name + " is invalid: " + ex.getMessage() + ".", action);
		}
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
