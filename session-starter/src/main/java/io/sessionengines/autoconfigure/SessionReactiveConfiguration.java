package io.sessionengines.autoconfigure;

import io.sessionengines.web.SessionMiddleware;
import io.sessionengines.web.reactive.EngineWebSessionManager;
import io.sessionengines.web.reactive.SaveEveryRequestWebFilter;
import io.sessionengines.web.reactive.SessionArgumentResolver;
import io.sessionengines.web.reactive.SessionFailureExceptionHandler;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.server.session.WebSessionManager;

/**
 * The engine-backed {@code WebSessionManager}, the responses to session failures, and
 * {@code Session} controller parameters in Spring WebFlux.
 *
 * @author Session Engines contributors
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(WebSessionManager.class)
class SessionReactiveConfiguration {

	@Bean(WebHttpHandlerBuilder.WEB_SESSION_MANAGER_BEAN_NAME)
	@ConditionalOnMissingBean(name = WebHttpHandlerBuilder.WEB_SESSION_MANAGER_BEAN_NAME)
	EngineWebSessionManager webSessionManager(SessionMiddleware middleware) {
		return new EngineWebSessionManager(middleware, Schedulers.boundedElastic());
	}

	@Bean
	@ConditionalOnMissingBean
	SaveEveryRequestWebFilter saveEveryRequestWebFilter(SessionMiddleware middleware) {
		return new SaveEveryRequestWebFilter(middleware);
	}

	@Bean
	@ConditionalOnMissingBean
	SessionFailureExceptionHandler sessionFailureExceptionHandler() {
		return new SessionFailureExceptionHandler();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebFluxConfigurer.class)
	static class SessionWebFluxConfiguration {

		@Bean
		WebFluxConfigurer sessionArgumentResolverConfigurer() {
			return new WebFluxConfigurer() {

				@Override
				public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
					configurer.addCustomResolver(new SessionArgumentResolver());
				}

			};
		}

	}

}
