package io.sessionengines.benchmark;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The harness's endpoints, written as any servlet application writes them, and as the
 * peers do: {@code hello} never touches the session, {@code visits} counts in it,
 * {@code peek} reads the count without creating a session.
 *
 * @author Session Engines contributors
 */
@RestController
class SessionController {

	private static final String VISITS = "visits";

	@GetMapping(path = "/api/hello", produces = MediaType.TEXT_PLAIN_VALUE)
	String hello() {
		return "ok";
	}

	@GetMapping(path = "/api/visits", produces = MediaType.TEXT_PLAIN_VALUE)
	String visits(HttpServletRequest request) {
		HttpSession session = request.getSession();
		int visits = (session.getAttribute(VISITS) instanceof Number number) ? number.intValue() + 1 : 1;
		session.setAttribute(VISITS, visits);
		return Integer.toString(visits);
	}

	@GetMapping(path = "/api/peek", produces = MediaType.TEXT_PLAIN_VALUE)
	String peek(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		Object visits = (session != null) ? session.getAttribute(VISITS) : null;
		return (visits != null) ? visits.toString() : "0";
	}

}
