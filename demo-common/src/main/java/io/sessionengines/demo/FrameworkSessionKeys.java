package io.sessionengines.demo;

import java.util.List;
import java.util.Set;

import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.serializer.JsonSessionSerializer;
import io.sessionengines.session.SessionFactory;

/**
 * The session keys that the frameworks own: Spring Security's (login, saved request, CSRF
 * token, last failure, on either web stack), Django's login keys, and the starter's own
 * bookkeeping. {@code POST /api/ops} refuses to write them, so that a client cannot forge
 * a login, reset the creation time or claim another session's registry id (a logout would
 * then end that session); only {@value SessionExpiry#EXPIRY_KEY} stays writable, as
 * Django's {@code set_expiry} writes it.
 *
 * @author Session Engines contributors
 */
final class FrameworkSessionKeys {

	/**
	 * The starter's own keys; {@code _flash_maps} is its Spring MVC flash attributes'
	 * ({@code SessionFlashMapManager.FLASH_KEY}), named here because this class serves
	 * the reactive demo too, which has no Spring MVC to compile that constant against.
	 */
	private static final Set<String> KEYS = Set.of(SessionFactory.CREATED_KEY, SessionFactory.LAST_SEEN_KEY,
			JsonSessionSerializer.TYPED_KEYS, "_flash_maps");

	/**
	 * Every key of Spring Security starts with one of the first two, whichever the web
	 * stack: {@code SPRING_SECURITY_CONTEXT}, {@code SPRING_SECURITY_LAST_EXCEPTION}, the
	 * CSRF token repositories' {@code org.springframework.security.web...CSRF_TOKEN}.
	 */
	private static final List<String> PREFIXES = List.of("SPRING_SECURITY_", "org.springframework.security.",
			"_auth_user_", "_session_registry_");

	private FrameworkSessionKeys() {
	}

	static boolean isOwned(String key) {
		return KEYS.contains(key) || PREFIXES.stream().anyMatch(key::startsWith);
	}

}
