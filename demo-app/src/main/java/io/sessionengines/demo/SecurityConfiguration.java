package io.sessionengines.demo;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Spring Security for the demo: form login for the web page and a JSON login for the API,
 * both keeping the security context in the engine-backed session. Every page is public;
 * {@code /api/me} tells who is logged in.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, SessionAuthenticationStrategy sessionAuthentication,
			SecurityContextRepository securityContextRepository) {
		return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			// the JSON API takes no CSRF token (see demo-api.md); the login form does
			.csrf((csrf) -> csrf.ignoringRequestMatchers("/api/**", "/actuator/**"))
			.formLogin(Customizer.withDefaults())
			.logout((logout) -> logout.logoutSuccessUrl("/"))
			.sessionManagement((session) -> session.sessionAuthenticationStrategy(sessionAuthentication))
			.securityContext((context) -> context.securityContextRepository(securityContextRepository))
			.build();
	}

	@Bean
	SessionAuthenticationStrategy sessionAuthenticationStrategy() {
		return new DjangoLoginSessionStrategy();
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
