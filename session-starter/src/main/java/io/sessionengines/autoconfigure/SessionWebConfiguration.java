package io.sessionengines.autoconfigure;

import java.util.EnumSet;
import java.util.List;

import io.sessionengines.engine.SessionEngine;
import io.sessionengines.registry.UserSessions;
import io.sessionengines.session.SessionFactory;
import io.sessionengines.web.SessionCookie;
import io.sessionengines.web.SessionLoginAttribute;
import io.sessionengines.web.SessionMiddleware;
import io.sessionengines.web.SessionPrincipalResolver;
import io.sessionengines.web.SessionRegistrar;
import io.sessionengines.web.servlet.SessionArgumentResolver;
import io.sessionengines.web.servlet.SessionFlashMapManager;
import io.sessionengines.web.servlet.SessionMiddlewareFilter;
import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The session middleware filter, and {@code Session} controller parameters in Spring MVC.
 *
 * @author Session Engines contributors
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OncePerRequestFilter.class)
class SessionWebConfiguration {

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

	@Bean
	@ConditionalOnMissingBean(name = "sessionMiddlewareFilterRegistration")
	FilterRegistrationBean<SessionMiddlewareFilter> sessionMiddlewareFilterRegistration(SessionMiddleware middleware) {
		FilterRegistrationBean<SessionMiddlewareFilter> registration = new FilterRegistrationBean<>(
				new SessionMiddlewareFilter(middleware));
		registration.setOrder(SessionMiddlewareFilter.DEFAULT_ORDER);
		// every dispatch the container makes sees the session, error pages included
		registration.setDispatcherTypes(EnumSet.allOf(DispatcherType.class));
		return registration;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebMvcConfigurer.class)
	static class SessionWebMvcConfiguration {

		@Bean(DispatcherServlet.FLASH_MAP_MANAGER_BEAN_NAME)
		@ConditionalOnMissingBean(name = DispatcherServlet.FLASH_MAP_MANAGER_BEAN_NAME)
		SessionFlashMapManager flashMapManager(SessionMiddleware middleware) {
			return new SessionFlashMapManager(middleware.getCookie());
		}

		@Bean
		WebMvcConfigurer sessionArgumentResolverConfigurer() {
			return new WebMvcConfigurer() {

				@Override
				public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
					resolvers.add(new SessionArgumentResolver());
				}

			};
		}

	}

}
