package io.sessionengines.demo;

import java.util.LinkedHashMap;
import java.util.Map;

import io.sessionengines.session.Session;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/session}: every entry of the session, internal ones such as
 * {@code _session_expiry} included, as Django's {@code request.session.items()}.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
@RestController
public class SessionContentsController {

	@GetMapping("/api/session")
	Map<String, @Nullable Object> contents(Session session) {
		return new LinkedHashMap<>(session.items());
	}

}
