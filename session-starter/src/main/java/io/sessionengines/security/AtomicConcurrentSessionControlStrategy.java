package io.sessionengines.security;

import io.sessionengines.registry.UserSessions;
import io.sessionengines.session.Session;
import io.sessionengines.web.SessionRegistrar;
import io.sessionengines.web.servlet.RequestSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.session.ConcurrentSessionControlAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationException;
import org.springframework.util.Assert;

/**
 * Spring Security's concurrent-session control, made atomic: the check of a user's
 * sessions against the limit, the end of the oldest ones (or the refusal of the login)
 * and the registration of the session logging in happen as one step, so that two logins
 * racing for a user's last place leave the user within the limit.
 * <p>
 * It runs the strategy it wraps, with its limit and its policy, against the user's
 * sessions as read at the start; the sessions it chooses to expire are only recorded.
 * Then the login's session is registered and the chosen sessions ended, if the user's
 * sessions have not changed meanwhile; if they have, the check runs again on what is
 * there now.
 *
 * @author Session Engines contributors
 * @since 0.3.0
 */
public final class AtomicConcurrentSessionControlStrategy extends ConcurrentSessionControlAuthenticationStrategy {

	/**
	 * How many times a login checks again when other logins of the same user keep
	 * changing the user's sessions.
	 */
	static final int MAX_ATTEMPTS = 32;

	private final ConcurrentSessionControlAuthenticationStrategy delegate;

	private final EngineSessionRegistry registry;

	/**
	 * Wrap a concurrent-session control strategy that uses the given registry.
	 * @param delegate the strategy, which decides the limit and the policy
	 * @param registry the registry the strategy uses
	 */
	public AtomicConcurrentSessionControlStrategy(ConcurrentSessionControlAuthenticationStrategy delegate,
			EngineSessionRegistry registry) {
		super(registry);
		Assert.notNull(delegate, "'delegate' must not be null");
		this.delegate = delegate;
		this.registry = registry;
	}

	@Override
	public void onAuthentication(Authentication authentication, HttpServletRequest request,
			HttpServletResponse response) {
		Session session = RequestSession.get(request);
		String principal = authentication.getName();
		UserSessions userSessions = this.registry.getUserSessions();
		for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
			String currentId = principal.equals(UserSessions.principalOf(session)) ? UserSessions.idOf(session) : null;
			EngineSessionRegistry.LoginCheck check = this.registry.beginLoginCheck(principal, currentId);
			try {
				this.delegate.onAuthentication(authentication, request, response);
			}
			finally {
				this.registry.endLoginCheck();
			}
			if (userSessions.register(session, principal, request.getHeader("User-Agent"), request.getRemoteAddr(),
					check.version(), check.endIds()) != null) {
				request.setAttribute(SessionRegistrar.REGISTERED_ATTRIBUTE, Boolean.TRUE);
				return;
			}
		}
		throw new SessionAuthenticationException(
				"Other logins of the same user kept changing the user's sessions; try again");
	}

	@Override
	public void setMessageSource(MessageSource messageSource) {
		super.setMessageSource(messageSource);
		this.delegate.setMessageSource(messageSource);
	}

}
