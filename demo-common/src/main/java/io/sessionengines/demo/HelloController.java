package io.sessionengines.demo;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/hello}: an endpoint that never touches the session, so its responses
 * carry no session cookie and no {@code Vary: Cookie}.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
@RestController
public class HelloController {

	@GetMapping(path = "/api/hello", produces = MediaType.TEXT_PLAIN_VALUE)
	String hello() {
		return "ok";
	}

}
