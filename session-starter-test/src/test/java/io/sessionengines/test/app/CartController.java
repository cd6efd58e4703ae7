package io.sessionengines.test.app;

import java.util.ArrayList;
import java.util.List;

import io.sessionengines.session.Session;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reads, writes, cycles and flushes the session.
 *
 * @author Session Engines contributors
 */
@RestController
class CartController {

	@GetMapping("/hello")
	String hello() {
		return "hello";
	}

	@GetMapping("/cart")
	String cart(Session session) {
		return String.valueOf(session.get("cart", List.of()));
	}

	@GetMapping("/servlet-cart")
	String servletCart(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return String.valueOf((session != null) ? session.getAttribute("cart") : null);
	}

	@PostMapping("/cart")
	String add(Session session, @RequestParam String item) {
		List<Object> cart = new ArrayList<>(getCart(session));
		cart.add(item);
		session.set("cart", cart);
		return String.valueOf(cart);
	}

	@PostMapping("/note")
	String note(Session session, @RequestParam String text) {
		session.set("note", text);
		return text;
	}

	@PostMapping("/login")
	String login(Session session, @RequestParam String user) {
		session.cycleKey();
		session.set("user", user);
		return user;
	}

	@PostMapping("/flush")
	String flush(Session session) {
		session.flush();
		return "bye";
	}

	@SuppressWarnings("unchecked")
	private static List<Object> getCart(Session session) {
		Object cart = session.get("cart");
		return (cart instanceof List<?> list) ? (List<Object>) list : List.of();
	}

}
