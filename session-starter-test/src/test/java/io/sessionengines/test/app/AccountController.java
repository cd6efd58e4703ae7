package io.sessionengines.test.app;

import java.security.Principal;

import io.sessionengines.session.Session;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A page for signed-in users that counts their visits in the session.
 *
 * @author Session Engines contributors
 */
@RestController
class AccountController {

	@GetMapping("/account")
	String account(Principal principal, Session session) {
		Object visits = session.get("visits", 0);
		int count = ((Number) visits).intValue() + 1;
		session.set("visits", count);
		return principal.getName() + " " + count;
	}

}
