package io.sessionengines.demo;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/login} and {@code GET /api/me}: the JSON login of the demo API,
 * through Spring Security ({@code POST /api/logout} is with the user's sessions, in
 * {@link UserSessionsController}).
 *
 * @author Session Engines contributors
 */
@RestController
class AuthenticationController {

	private final AuthenticationManager authenticationManager;

	private final SessionAuthenticationStrategy sessionAuthentication;

	private final SecurityContextRepository securityContextRepository;

	AuthenticationController(AuthenticationManager authenticationManager,
			SessionAuthenticationStrategy sessionAuthentication, SecurityContextRepository securityContextRepository) {
		this.authenticationManager = authenticationManager;
		this.sessionAuthentication = sessionAuthentication;
		this.securityContextRepository = securityContextRepository;
	}

	@PostMapping("/api/login")
	ResponseEntity<Map<String, String>> login(@RequestBody(required = false) @Nullable Credentials credentials,
			HttpServletRequest request, HttpServletResponse response) {
		if (credentials == null || credentials.username() == null || credentials.password() == null) {
			return ResponseEntity.badRequest().body(Map.of("error", "The body must be {\"username\", \"password\"}"));
		}
		Authentication authentication;
		try {
			authentication = this.authenticationManager.authenticate(UsernamePasswordAuthenticationToken
				.unauthenticated(credentials.username(), credentials.password()));
		}
		catch (AuthenticationException ex) {
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", "Bad credentials"));
		}
		this.sessionAuthentication.onAuthentication(authentication, request, response);
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(authentication);
		SecurityContextHolder.setContext(context);
		this.securityContextRepository.saveContext(context, request, response);
		return ResponseEntity.ok(Map.of("user", authentication.getName()));
	}

	@GetMapping("/api/me")
	ResponseEntity<Map<String, String>> me() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || authentication instanceof AnonymousAuthenticationToken
				|| !authentication.isAuthenticated()) {
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", "Not logged in"));
		}
		return ResponseEntity.ok(Map.of("user", authentication.getName()));
	}

	record Credentials(@Nullable String username, @Nullable String password) {

	}

}
