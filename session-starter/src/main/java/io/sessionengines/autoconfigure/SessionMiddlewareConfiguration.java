package io.sessionengines.autoconfigure;

import io.sessionengines.engine.SessionEngine;
import io.sessionengines.registry.UserSessions;
import io.sessionengines.session.SessionFactory;
import io.sessionengines.web.SessionCookie;
import io.sessionengines.web.SessionLoginAttribute;
import io.sessionengines.web.SessionMiddleware;
import io.sessionengines.web.SessionPrincipalResolver;
import io.sessionengines.web.SessionRegistrar;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The session middleware's decision, which the servlet filter and the reactive session
 * manager both apply, and the report of the session settings.
 *
 * @author Session Engines contributors
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SessionMiddlewareConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SessionMiddleware sessionMiddleware(SessionFactory factory, SessionEngineProperties properties,
			ObjectProvider<UserSessions> userSessions, ObjectProvider<SessionPrincipalResolver> principalResolver,
			ObjectProvider<SessionLoginAttribute> loginAttribute) {
		SessionEngineProperties.Cookie cookie = properties.getCookie();
		checkHostPrefix(cookie);
		SessionMiddleware middleware = new SessionMiddleware(factory,
				new SessionCookie(cookie.getName(), cookie.getDomain(), cookie.getPath(), cookie.isSecure(),
						cookie.isHttpOnly(), cookie.getSameSite()),
				properties.isSaveEveryRequest(), properties.getHeaderName());
		middleware.setLoginAttribute(loginAttribute.getIfUnique());
		UserSessions registry = userSessions.getIfUnique();
		SessionPrincipalResolver resolver = principalResolver.getIfUnique();
		if (registry != null && resolver != null) {
			middleware.setRegistrar(new SessionRegistrar(registry, resolver));
		}
		return middleware;
	}

	@Bean
	SessionSettingsReport sessionSettingsReport(SessionEngineProperties properties, SessionEngine engine,
			Environment environment) {
		return new SessionSettingsReport(properties, engine, environment.getProperty("server.address"));
	}

	/**
	 * Browsers keep a {@code __Host-} cookie only if it is {@code Secure}, has
	 * {@code Path=/} and no {@code Domain}; anything else would silently lose every
	 * session.
	 */
	private static void checkHostPrefix(SessionEngineProperties.Cookie cookie) {
		if (cookie.getName().startsWith("__Host-")
				&& (!cookie.isSecure() || !"/".equals(cookie.getPath()) || cookie.getDomain() != null)) {
			throw new SessionConfigurationException("The session cookie '" + cookie.getName()
					+ "' has the __Host- prefix, which browsers only accept on a Secure cookie with path / and no "
					+ "domain, but session.cookie.secure=" + cookie.isSecure() + ", session.cookie.path="
					+ cookie.getPath() + ", session.cookie.domain=" + cookie.getDomain() + ".",
					"Set session.cookie.secure=true, session.cookie.path=/ and leave session.cookie.domain unset, "
							+ "or choose a cookie name without the __Host- prefix.");
		}
	}

}
