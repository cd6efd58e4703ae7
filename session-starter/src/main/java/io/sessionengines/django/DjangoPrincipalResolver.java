package io.sessionengines.django;

import io.sessionengines.session.Session;
import io.sessionengines.web.SessionPrincipalResolver;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The user a session is logged in as, where a Django application shares the session: as
 * {@link DjangoSecurityContextAttribute} reads it, without changing the session. A
 * session that holds both a Spring Security login and a later Django login is logged in
 * as nobody; a Django login alone counts only with a {@link DjangoLoginBridge}.
 *
 * @author Session Engines contributors
 * @since 0.4.0
 */
public final class DjangoPrincipalResolver implements SessionPrincipalResolver {

	private final SessionPrincipalResolver securityContext;

	private final @Nullable DjangoLoginBridge bridge;

	/**
	 * Create a resolver.
	 * @param securityContext resolves the user of a session's Spring Security login
	 * @param bridge shares logins with Django, or {@code null}
	 */
	public DjangoPrincipalResolver(SessionPrincipalResolver securityContext, @Nullable DjangoLoginBridge bridge) {
		Assert.notNull(securityContext, "'securityContext' must not be null");
		this.securityContext = securityContext;
		this.bridge = bridge;
	}

	@Override
	public @Nullable String principalOf(Session session) {
		if (session.get(DjangoSecurityContextAttribute.USER_ID_KEY) == null) {
			return this.securityContext.principalOf(session);
		}
		if (this.bridge == null || this.securityContext.principalOf(session) != null) {
			return null;
		}
		return this.bridge.principalOf(session);
	}

	@Override
	public boolean isNewLogin(Session session) {
		return this.securityContext.isNewLogin(session) || session.isChanged(DjangoSecurityContextAttribute.HASH_KEY);
	}

}
