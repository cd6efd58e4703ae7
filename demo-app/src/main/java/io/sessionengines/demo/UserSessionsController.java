package io.sessionengines.demo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.sessionengines.registry.UserSessions;
import io.sessionengines.session.Session;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A logged-in user's sessions: {@code GET /api/sessions}, {@code DELETE
 * /api/sessions/{id}}, {@code POST /api/sessions/revoke-others} and
 * {@code POST /api/logout?everywhere=true}, on the registry of each user's sessions.
 *
 * @author Session Engines contributors
 */
@RestController
class UserSessionsController {

	private final UserSessions userSessions;

	private final SecurityContextLogoutHandler logoutHandler = new SecurityContextLogoutHandler();

	UserSessionsController(UserSessions userSessions) {
		this.userSessions = userSessions;
	}

	@GetMapping("/api/sessions")
	ResponseEntity<?> list(Session session) {
		String user = currentUser();
		if (user == null) {
			return notLoggedIn();
		}
		String currentId = user.equals(UserSessions.principalOf(session)) ? UserSessions.idOf(session) : null;
		List<SessionView> sessions = this.userSessions.list(user)
			.stream()
			.map((registered) -> new SessionView(registered.id(), registered.id().equals(currentId),
					registered.createdAt(), registered.lastSeenAt(), registered.userAgent(), registered.ip()))
			.toList();
		return ResponseEntity.ok(sessions);
	}

	@DeleteMapping("/api/sessions/{id}")
	ResponseEntity<?> end(@PathVariable String id) {
		String user = currentUser();
		if (user == null) {
			return notLoggedIn();
		}
		return this.userSessions.end(user, id) ? ResponseEntity.noContent().build()
				: ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "No such session"));
	}

	@PostMapping("/api/sessions/revoke-others")
	ResponseEntity<?> endOthers(Session session) {
		String user = currentUser();
		if (user == null) {
			return notLoggedIn();
		}
		return ResponseEntity.ok(Map.of("revoked", this.userSessions.endOthers(user, session)));
	}

	/**
	 * {@code POST /api/logout}: logs out; with {@code everywhere=true}, ends every
	 * session of the user too.
	 * @param everywhere whether to end every session of the user
	 * @param request the request
	 * @param response the response
	 * @return {@code 204 No Content}
	 */
	@PostMapping("/api/logout")
	ResponseEntity<Void> logout(@RequestParam(defaultValue = "false") boolean everywhere, HttpServletRequest request,
			HttpServletResponse response) {
		String user = currentUser();
		this.logoutHandler.logout(request, response, SecurityContextHolder.getContext().getAuthentication());
		if (everywhere && user != null) {
			this.userSessions.endAll(user);
		}
		return ResponseEntity.noContent().build();
	}

	private static @Nullable String currentUser() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || authentication instanceof AnonymousAuthenticationToken
				|| !authentication.isAuthenticated()) {
			return null;
		}
		return authentication.getName();
	}

	private static ResponseEntity<Map<String, String>> notLoggedIn() {
		return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", "Not logged in"));
	}

	record SessionView(String id, boolean current, Instant createdAt, Instant lastSeenAt, @Nullable String userAgent,
			@Nullable String ip) {

	}

}
