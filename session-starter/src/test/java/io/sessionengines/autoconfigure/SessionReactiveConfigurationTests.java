package io.sessionengines.autoconfigure;

import io.sessionengines.security.EngineReactiveSessionRegistry;
import io.sessionengines.web.SessionMiddleware;
import io.sessionengines.web.reactive.EngineWebSessionManager;
import io.sessionengines.web.reactive.SessionFailureExceptionHandler;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.session.InMemoryReactiveSessionRegistry;
import org.springframework.security.core.session.ReactiveSessionRegistry;
import org.springframework.security.web.server.authentication.ServerMaximumSessionsExceededHandler;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the reactive side of {@link SessionEngineAutoConfiguration}.
 *
 * @author Session Engines contributors
 */
class SessionReactiveConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SessionEngineAutoConfiguration.class))
		.withPropertyValues("session.engine=signed_cookies",
				"session.secret-key=k3y-0f-f0rty-tw0-ch4racters-f0r-t3sts");

	@Test
	void aReactiveApplicationGetsTheEngineSessionManagerAndNoFilter() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(SessionMiddleware.class)
				.hasSingleBean(SessionFailureExceptionHandler.class)
				.doesNotHaveBean(FilterRegistrationBean.class);
			assertThat(context.getBean(WebHttpHandlerBuilder.WEB_SESSION_MANAGER_BEAN_NAME))
				.isInstanceOf(EngineWebSessionManager.class);
		});
	}

	@Test
	void anApplicationsOwnSessionManagerWins() {
		this.contextRunner.withUserConfiguration(OwnSessionManager.class).run((context) -> {
			assertThat(context.getBean(WebHttpHandlerBuilder.WEB_SESSION_MANAGER_BEAN_NAME))
				.isInstanceOf(DefaultWebSessionManager.class);
			assertThat(context).doesNotHaveBean(EngineWebSessionManager.class);
		});
	}

	@Test
	void aServletApplicationGetsNoSessionManager() {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(SessionEngineAutoConfiguration.class))
			.withPropertyValues("session.engine=signed_cookies",
					"session.secret-key=k3y-0f-f0rty-tw0-ch4racters-f0r-t3sts")
			.run((context) -> assertThat(context).doesNotHaveBean(WebSessionManager.class)
				.doesNotHaveBean(SessionFailureExceptionHandler.class)
				.hasBean("sessionMiddlewareFilterRegistration"));
	}

	@Test
	void aReactiveApplicationGetsTheEngineReactiveSessionRegistry() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(ReactiveSessionRegistry.class)
			.getBean(ReactiveSessionRegistry.class)
			.isInstanceOf(EngineReactiveSessionRegistry.class));
	}

	@Test
	void anApplicationsOwnReactiveSessionRegistryWins() {
		this.contextRunner.withBean(InMemoryReactiveSessionRegistry.class)
			.run((context) -> assertThat(context).hasSingleBean(ReactiveSessionRegistry.class)
				.doesNotHaveBean(EngineReactiveSessionRegistry.class));
	}

	@Test
	void noReactiveSessionRegistryWithoutTheRegistryOrSpringSecurityWebFlux() {
		this.contextRunner.withPropertyValues("session.registry.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ReactiveSessionRegistry.class));
		this.contextRunner.withClassLoader(new FilteredClassLoader(ServerMaximumSessionsExceededHandler.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ReactiveSessionRegistry.class));
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(SessionEngineAutoConfiguration.class))
			.withPropertyValues("session.engine=signed_cookies",
					"session.secret-key=k3y-0f-f0rty-tw0-ch4racters-f0r-t3sts")
			.run((context) -> assertThat(context).doesNotHaveBean(ReactiveSessionRegistry.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnSessionManager {

		@Bean(WebHttpHandlerBuilder.WEB_SESSION_MANAGER_BEAN_NAME)
		WebSessionManager webSessionManager() {
			return new DefaultWebSessionManager();
		}

	}

}
