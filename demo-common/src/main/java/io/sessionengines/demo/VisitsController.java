package io.sessionengines.demo;

import io.sessionengines.session.Session;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The visit counter: {@code GET /api/visits} increments the {@code visits} entry of the
 * session, {@code GET /api/peek} reads it without changing anything.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
@RestController
public class VisitsController {

	static final String VISITS = "visits";

	@GetMapping(path = "/api/visits", produces = MediaType.TEXT_PLAIN_VALUE)
	String visit(Session session) {
		long visits = visits(session) + 1;
		session.set(VISITS, visits);
		return Long.toString(visits);
	}

	@GetMapping(path = "/api/peek", produces = MediaType.TEXT_PLAIN_VALUE)
	String peek(Session session) {
		return Long.toString(visits(session));
	}

	private static long visits(Session session) {
		return (session.get(VISITS) instanceof Number visits) ? visits.longValue() : 0;
	}

}
