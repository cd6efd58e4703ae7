package io.sessionengines.security;

import io.sessionengines.session.Session;
import io.sessionengines.web.SessionPrincipalResolver;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * The user a session is logged in as, by the Spring Security context that
 * {@link HttpSessionSecurityContextRepository} keeps in it: an authenticated,
 * non-anonymous authentication's name.
 *
 * @author Session Engines contributors
 * @since 0.3.0
 */
public final class SecurityContextPrincipalResolver implements SessionPrincipalResolver {

	@Override
	public @Nullable String principalOf(Session session) {
		if (!(session.get(
				HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY) instanceof SecurityContext context)) {
			return null;
		}
		Authentication authentication = context.getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return null;
		}
		String name = authentication.getName();
		return (name != null && !name.isEmpty()) ? name : null;
	}

	/**
	 * Return whether the request stored a security context, as a login does (the
	 * repository stores it only when it changed).
	 */
	@Override
	public boolean isNewLogin(Session session) {
		return session.isChanged(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
	}

}
