package io.sessionengines.demo;

import java.util.List;
import java.util.Set;

import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.serializer.JsonSessionSerializer;
import io.sessionengines.session.SessionFactory;
import io.sessionengines.web.servlet.SessionFlashMapManager;

import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * The session keys that the frameworks own: Spring Security's (login, saved request, CSRF
 * token, last failure), Django's login keys, and the starter's own bookkeeping.
 * {@code POST /api/ops} refuses to write them, so that a client cannot forge a login,
 * reset the creation time or claim another session's registry id (a logout would then end
 * that session); only {@value SessionExpiry#EXPIRY_KEY} stays writable, as Django's
 * {@code set_expiry} writes it.
 *
 * @author Session Engines contributors
 */
final class FrameworkSessionKeys {

	private static final Set<String> KEYS = Set.of(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
			WebAttributes.AUTHENTICATION_EXCEPTION, WebAttributes.ACCESS_DENIED_403,
			HttpSessionCsrfTokenRepository.class.getName().concat(".CSRF_TOKEN"), SessionFactory.CREATED_KEY,
			SessionFactory.LAST_SEEN_KEY, JsonSessionSerializer.TYPED_KEYS, SessionFlashMapManager.FLASH_KEY);

	private static final List<String> PREFIXES = List.of("SPRING_SECURITY_", "org.springframework.security.",
			"_auth_user_", "_session_registry_");

	private FrameworkSessionKeys() {
	}

	static boolean isOwned(String key) {
		return KEYS.contains(key) || PREFIXES.stream().anyMatch(key::startsWith);
	}

}
