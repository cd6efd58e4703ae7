package io.sessionengines.autoconfigure;

import io.sessionengines.django.DjangoLoginBridge;
import io.sessionengines.django.DjangoPasswordEncoder;
import io.sessionengines.django.DjangoReactiveUserDetailsService;
import io.sessionengines.django.DjangoSecurityContextAttribute;
import io.sessionengines.django.DjangoUserDetailsService;
import io.sessionengines.web.SessionMiddleware;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.password.NoOpPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DjangoLoginConfiguration}.
 *
 * @author Session Engines contributors
 */
class DjangoLoginConfigurationTests {

	private static final String SECRET_KEY = "k3y-0f-f0rty-tw0-ch4racters-f0r-th3-t3sts";

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SessionEngineAutoConfiguration.class))
		.withPropertyValues("session.engine=signed_cookies", "session.secret-key=" + SECRET_KEY);

	@Test
	void springSecuritysLoginIsKeptConsistentWithDjangosWithoutSharingIt() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(DjangoSecurityContextAttribute.class)
				.doesNotHaveBean(DjangoLoginBridge.class)
				.doesNotHaveBean(DjangoUserDetailsService.class)
				.doesNotHaveBean(PasswordEncoder.class);
			assertThat(context.getBean(SessionMiddleware.class).getLoginAttribute())
				.isSameAs(context.getBean(DjangoSecurityContextAttribute.class));
		});
	}

	@Test
	void withoutSpringSecurityEveryAttributeIsAPlainSessionEntry() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.security"))
			.run((context) -> assertThat(context.getBean(SessionMiddleware.class).getLoginAttribute()).isNull());
	}

	@Test
	void theBridgeReadsDjangosUsersFromTheDataSource() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.generate-unique-name=true", "session.django.auth.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(DjangoLoginBridge.class)
				.hasSingleBean(DjangoUserDetailsService.class)
				.hasSingleBean(DjangoPasswordEncoder.class));
	}

	@Test
	void theBridgeBacksOffFromTheApplicationsPasswordEncoder() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.generate-unique-name=true", "session.django.auth.enabled=true")
			.withBean(PasswordEncoder.class, NoOpPasswordEncoder::getInstance)
			.run((context) -> assertThat(context).hasSingleBean(DjangoLoginBridge.class)
				.doesNotHaveBean(DjangoPasswordEncoder.class));
	}

	@Test
	void theBridgeWithoutADataSourceFailsWithAClearMessage() {
		this.contextRunner.withPropertyValues("session.django.auth.enabled=true")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("no single DataSource to read Django's users from"));
	}

	@Test
	void onWebFluxTheBridgeGivesDjangosUsersToSpringSecurity() {
		reactiveContextRunner().withPropertyValues("session.django.auth.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(ReactiveUserDetailsService.class)
				.hasSingleBean(DjangoReactiveUserDetailsService.class)
				.hasSingleBean(DjangoLoginBridge.class)
				.hasSingleBean(DjangoPasswordEncoder.class));
	}

	@Test
	void onWebFluxTheBridgeBacksOffFromTheApplicationsUsers() {
		reactiveContextRunner().withPropertyValues("session.django.auth.enabled=true")
			.withBean(ReactiveUserDetailsService.class,
					() -> new MapReactiveUserDetailsService(User.withUsername("u").password("{noop}p").build()))
			.run((context) -> assertThat(context).hasSingleBean(ReactiveUserDetailsService.class)
				.doesNotHaveBean(DjangoReactiveUserDetailsService.class)
				.hasSingleBean(DjangoLoginBridge.class));
	}

	@Test
	void onWebFluxWithoutTheBridgeDjangosUsersAreNotSpringSecuritys() {
		reactiveContextRunner().run((context) -> assertThat(context).hasSingleBean(DjangoSecurityContextAttribute.class)
			.doesNotHaveBean(ReactiveUserDetailsService.class)
			.doesNotHaveBean(DjangoUserDetailsService.class));
	}

	@Test
	void onTheServletStackTheBridgeAddsNoReactiveUsers() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.generate-unique-name=true", "session.django.auth.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(DjangoUserDetailsService.class)
				.doesNotHaveBean(ReactiveUserDetailsService.class));
	}

	private ReactiveWebApplicationContextRunner reactiveContextRunner() {
		return new ReactiveWebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(SessionEngineAutoConfiguration.class, DataSourceAutoConfiguration.class))
			.withPropertyValues("session.engine=signed_cookies", "session.secret-key=" + SECRET_KEY,
					"spring.datasource.generate-unique-name=true");
	}

}
