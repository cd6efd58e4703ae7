package io.sessionengines.demo;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * Django's login rule for the session: logging in keeps the session's data under a new
 * key (session-fixation protection, Django's {@code cycle_key}); logging in as another
 * user than the one the session belongs to starts from an empty session (Django's
 * {@code flush}), so one user's data never reaches another.
 * <p>
 * Unlike Django, a login as the same user changes the key too.
 *
 * @author Session Engines contributors
 */
class DjangoLoginSessionStrategy implements SessionAuthenticationStrategy {

	@Override
	public void onAuthentication(Authentication authentication, HttpServletRequest request,
			HttpServletResponse response) {
		HttpSession session = request.getSession(false);
		if (session == null) {
			return;
		}
		if (session.getAttribute(
				HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY) instanceof SecurityContext context
				&& context.getAuthentication() != null
				&& !context.getAuthentication().getName().equals(authentication.getName())) {
			session.invalidate();
			return;
		}
		request.changeSessionId();
	}

}
