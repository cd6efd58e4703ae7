package io.sessionengines.autoconfigure;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import io.sessionengines.engine.SessionEngine;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Logs, once at start-up, the session engine with its store and the cookie settings; and
 * warns, as Django's deploy checks {@code security.W010} to {@code W015} do, when the
 * session cookie is not {@code Secure} or not {@code HttpOnly}, unless the server only
 * listens on a loopback address (local development).
 *
 * @author Session Engines contributors
 */
class SessionSettingsReport implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(SessionSettingsReport.class);

	private final SessionEngineProperties properties;

	private final SessionEngine engine;

	private final @Nullable String serverAddress;

	SessionSettingsReport(SessionEngineProperties properties, SessionEngine engine, @Nullable String serverAddress) {
		this.properties = properties;
		this.engine = engine;
		this.serverAddress = serverAddress;
	}

	@Override
	public void afterSingletonsInstantiated() {
		logger.info(summary());
		warnings().forEach(logger::warn);
	}

	String summary() {
		SessionEngineProperties.Cookie cookie = this.properties.getCookie();
		return "Sessions: engine '" + this.properties.getEngine().getDjangoName() + "' ("
				+ this.engine.getClass().getSimpleName() + ", " + store() + "); cookie '" + cookie.getName() + "': age "
				+ cookie.getAge().toSeconds() + " s, path " + cookie.getPath() + ", domain "
				+ ((cookie.getDomain() != null) ? cookie.getDomain() : "(host only)") + ", Secure "
				+ onOff(cookie.isSecure()) + ", HttpOnly " + onOff(cookie.isHttpOnly()) + ", SameSite "
				+ cookie.getSameSite().name().toLowerCase() + "; save every request "
				+ onOff(this.properties.isSaveEveryRequest()) + ", expire at browser close "
				+ onOff(this.properties.isExpireAtBrowserClose()) + keys() + djangoLogins();
	}

	private String keys() {
		int ringSize = this.properties.getKeyRing().getKeys().size();
		String keys = (ringSize > 0) ? "; key ring of " + ringSize + " keys" : "";
		return keys
				+ (this.properties.getEncryption().isEnabled() ? "; encrypted at rest (not readable by Django)" : "");
	}

	private String djangoLogins() {
		SessionEngineProperties.Django.Auth auth = this.properties.getDjango().getAuth();
		return auth.isEnabled() ? "; logins shared with Django through table " + auth.getUserTable() : "";
	}

	private String store() {
		return switch (this.properties.getEngine()) {
			case DB -> "table " + this.properties.getDb().getTable();
			case FILE -> "directory " + FileSessionEngineConfiguration.directory(this.properties);
			case CACHE -> "cache " + this.properties.getCacheAlias() + (DjangoSessionCache.isEnabled(this.properties)
					? " in Django's form, keys " + DjangoSessionCache.redisKeyPrefix(this.properties) + "<key>" : "");
			case CACHED_DB ->
				"table " + this.properties.getDb().getTable() + " through cache " + this.properties.getCacheAlias();
			case SIGNED_COOKIES -> "data in the cookie";
		};
	}

	List<String> warnings() {
		List<String> warnings = new ArrayList<>();
		if (isLoopbackOnly()) {
			return warnings;
		}
		SessionEngineProperties.Cookie cookie = this.properties.getCookie();
		if (!cookie.isSecure()) {
			warnings.add("session.cookie.secure is false, so the session cookie is also sent over plain HTTP, "
					+ "where it can be stolen; set it to true when the site is served over HTTPS "
					+ "(Django's security.W010-W012)");
		}
		if (!cookie.isHttpOnly()) {
			warnings.add("session.cookie.http-only is false, so scripts (and cross-site scripting) can read the "
					+ "session cookie; set it to true (Django's security.W013-W015)");
		}
		return warnings;
	}

	private boolean isLoopbackOnly() {
		if (this.serverAddress == null || this.serverAddress.isBlank()) {
			return false;
		}
		try {
			return InetAddress.getByName(this.serverAddress).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	private static String onOff(boolean value) {
		return value ? "on" : "off";
	}

}
