package io.sessionengines.demo;

import java.util.LinkedHashMap;
import java.util.Map;

import io.sessionengines.autoconfigure.SessionEngineProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/settings}: the engine that runs and the session cookie's attributes,
 * for the demo page (a page cannot read an {@code HttpOnly} cookie's attributes itself).
 * It does not use the session.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
@RestController
public class SettingsController {

	private final SessionEngineProperties properties;

	SettingsController(SessionEngineProperties properties) {
		this.properties = properties;
	}

	@GetMapping("/api/settings")
	Map<String, @Nullable Object> settings() {
		SessionEngineProperties.Cookie cookie = this.properties.getCookie();
		Map<String, @Nullable Object> attributes = new LinkedHashMap<>();
		attributes.put("name", cookie.getName());
		attributes.put("maxAge", cookie.getAge().toSeconds());
		attributes.put("path", cookie.getPath());
		attributes.put("domain", cookie.getDomain());
		attributes.put("secure", cookie.isSecure());
		attributes.put("httpOnly", cookie.isHttpOnly());
		attributes.put("sameSite", cookie.getSameSite().attributeValue());
		Map<String, @Nullable Object> settings = new LinkedHashMap<>();
		settings.put("engine", this.properties.getEngine().getDjangoName());
		settings.put("cookie", attributes);
		return settings;
	}

}
