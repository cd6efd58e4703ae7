package io.sessionengines.autoconfigure;

import java.util.EnumSet;
import java.util.List;

import io.sessionengines.web.SessionMiddleware;
import io.sessionengines.web.servlet.SessionArgumentResolver;
import io.sessionengines.web.servlet.SessionFlashMapManager;
import io.sessionengines.web.servlet.SessionMiddlewareFilter;
import jakarta.servlet.DispatcherType;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
class SessionServletConfiguration {

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
