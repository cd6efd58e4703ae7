package io.sessionengines.web.servlet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.sessionengines.session.Session;
import io.sessionengines.web.SessionCookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.AbstractFlashMapManager;

/**
 * Spring MVC's flash attributes in the engine-backed session, stored as JSON values under
 * {@value #FLASH_KEY}.
 * <p>
 * Spring MVC looks for flash attributes on every request; Spring's own session-based
 * manager would therefore load the session on every request that carries a cookie, even
 * one that never uses the session. This manager reads the session only when a small
 * marker cookie says that flash attributes are waiting, so such requests still cost no
 * store round trip. Flash attributes must be values the session accepts (JSON values by
 * default).
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public class SessionFlashMapManager extends AbstractFlashMapManager {

	/**
	 * The session key of the waiting flash attributes.
	 */
	public static final String FLASH_KEY = "_flash_maps";

	private final SessionCookie marker;

	/**
	 * Create a manager.
	 * @param sessionCookie the session cookie, whose attributes the marker cookie shares
	 */
	public SessionFlashMapManager(SessionCookie sessionCookie) {
		this.marker = new SessionCookie(sessionCookie.name() + "_flash", sessionCookie.domain(), sessionCookie.path(),
				sessionCookie.secure(), sessionCookie.httpOnly(), sessionCookie.sameSite());
	}

	@Override
	protected @Nullable List<FlashMap> retrieveFlashMaps(HttpServletRequest request) {
		SessionExchange exchange = SessionExchange.find(request);
		if (exchange == null || !hasMarker(request)
				|| !(exchange.getSession().get(FLASH_KEY) instanceof List<?> stored)) {
			return null;
		}
		// the caller removes the flash maps it hands out, so the list must be mutable
		return stored.stream()
			.filter(Map.class::isInstance)
			.map((entry) -> toFlashMap((Map<?, ?>) entry))
			.collect(Collectors.toCollection(ArrayList::new));
	}

	@Override
	protected void updateFlashMaps(List<FlashMap> flashMaps, HttpServletRequest request, HttpServletResponse response) {
		SessionExchange exchange = SessionExchange.find(request);
		if (exchange == null) {
			// not behind the session middleware: no flash attributes
			return;
		}
		Session session = exchange.getSession();
		if (flashMaps.isEmpty()) {
			if (hasMarker(request)) {
				session.pop(FLASH_KEY);
				ServletSessionHeaders.setCookie(response, this.marker.deletionHeader());
			}
			return;
		}
		session.set(FLASH_KEY, flashMaps.stream().map(SessionFlashMapManager::toJson).toList());
		// a browser-session cookie: the flash attributes are meant for the very next
		// request
		ServletSessionHeaders.setCookie(response, this.marker.header("1", null, exchange.getBoundSession().now()));
	}

	private boolean hasMarker(HttpServletRequest request) {
		return ServletSessionHeaders.readCookie(request, this.marker.name()) != null;
	}

	private static Map<String, Object> toJson(FlashMap flashMap) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("attributes", new LinkedHashMap<>(flashMap));
		json.put("path", flashMap.getTargetRequestPath());
		json.put("params", new LinkedHashMap<>(flashMap.getTargetRequestParams()));
		json.put("expires", flashMap.getExpirationTime());
		return json;
	}

	@SuppressWarnings("unchecked")
	private static FlashMap toFlashMap(Map<?, ?> json) {
		FlashMap flashMap = new FlashMap();
		if (json.get("attributes") instanceof Map<?, ?> attributes) {
			flashMap.putAll((Map<String, Object>) attributes);
		}
		if (json.get("path") instanceof String path) {
			flashMap.setTargetRequestPath(path);
		}
		if (json.get("params") instanceof Map<?, ?> params) {
			MultiValueMap<String, String> target = new LinkedMultiValueMap<>();
			params.forEach(
					(name, values) -> ((List<String>) values).forEach((value) -> target.add((String) name, value)));
			flashMap.addTargetRequestParams(target);
		}
		if (json.get("expires") instanceof Number expires) {
			flashMap.setExpirationTime(expires.longValue());
		}
		return flashMap;
	}

}
