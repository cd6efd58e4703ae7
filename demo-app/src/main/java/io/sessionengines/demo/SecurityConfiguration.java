package io.sessionengines.demo;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Spring Security for the demo: form login for the web page and a JSON login for the API,
 * both keeping the security context in the engine-backed session. Every page is public;
 * {@code /api/me} tells who is logged in. The filter chain is left out of
 * {@code clearsessions}, which runs without a web server.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	@ConditionalOnWebApplication
	SecurityFilterChain securityFilterChain(HttpSecurity http, SessionAuthenticationStrategy sessionAuthentication,
			SecurityContextRepository securityContextRepository, CsrfTokenRepository csrfTokenRepository) {
		return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			// the JSON API takes no CSRF token (see demo-api.md); the login form does
			.csrf((csrf) -> csrf.csrfTokenRepository(csrfTokenRepository)
				.ignoringRequestMatchers("/api/**", "/actuator/**"))
			// form logins apply Django's rule too; set on the login filter itself,
			// because a
			// session-management strategy would add a filter that loads the session on
			// every
			// request, even on requests that never use it
			.formLogin((form) -> form
				.withObjectPostProcessor(new ObjectPostProcessor<UsernamePasswordAuthenticationFilter>() {

					@Override
					public <O extends UsernamePasswordAuthenticationFilter> O postProcess(O filter) {
						filter.setSessionAuthenticationStrategy(sessionAuthentication);
						return filter;
					}

				}))
			.logout((logout) -> logout.logoutSuccessUrl("/"))
			.securityContext((context) -> context.securityContextRepository(securityContextRepository))
			.build();
	}

	@Bean
	SessionAuthenticationStrategy sessionAuthenticationStrategy(CsrfTokenRepository csrfTokenRepository) {
		// Django's login also replaces the CSRF token, so a token seen before login is
		// useless after
		return new CompositeSessionAuthenticationStrategy(
				List.of(new DjangoLoginSessionStrategy(), new CsrfAuthenticationStrategy(csrfTokenRepository)));
	}

	@Bean
	CsrfTokenRepository csrfTokenRepository() {
		return new HttpSessionCsrfTokenRepository();
	}

	@Bean
	SecurityContextRepository securityContextRepository() {
		return new HttpSessionSecurityContextRepository();
	}

	@Bean
	UserDetailsService users() {
		// demo users; {noop} keeps the demo fast, never use it for real passwords
		return new InMemoryUserDetailsManager(User.withUsername("alice").password("{noop}wonderland").build(),
				User.withUsername("bob").password("{noop}builder").build());
	}

	@Bean
	AuthenticationManager authenticationManager(UserDetailsService users) {
		return new ProviderManager(new DaoAuthenticationProvider(users));
	}

}
