package io.sessionengines.demo;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.authentication.session.ConcurrentSessionControlAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * Spring Security for the demo: form login for the web page and a JSON login for the API,
 * both keeping the security context in the engine-backed session. Every page is public;
 * {@code /api/me} tells who is logged in. The filter chain is left out of
 * {@code clearsessions}, which runs without a web server.
 *
 * @author Session Engines contributors
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
	@Primary
	SessionAuthenticationStrategy sessionAuthenticationStrategy(CsrfTokenRepository csrfTokenRepository,
			ObjectProvider<ConcurrentSessionControlAuthenticationStrategy> concurrentSessionControl) {
		List<SessionAuthenticationStrategy> strategies = new ArrayList<>();
		strategies.add(new DjangoLoginSessionStrategy());
		concurrentSessionControl.ifAvailable(strategies::add);
		// Django's login also replaces the CSRF token, so a token seen before login is
		// useless after
		strategies.add(new CsrfAuthenticationStrategy(csrfTokenRepository));
		return new CompositeSessionAuthenticationStrategy(strategies);
	}

	/**
	 * Spring Security's concurrent-session control, with {@code demo.maximum-sessions}:
	 * the login that goes past the limit ends the user's oldest session. The starter
	 * makes it atomic, on the registry of each user's sessions.
	 * @param sessionRegistry the registry of each user's sessions
	 * @param maximumSessions the most sessions a user may have
	 * @return the concurrent-session control
	 */
	@Bean
	@ConditionalOnProperty("demo.maximum-sessions")
	ConcurrentSessionControlAuthenticationStrategy concurrentSessionControl(SessionRegistry sessionRegistry,
			@Value("${demo.maximum-sessions}") int maximumSessions) {
		ConcurrentSessionControlAuthenticationStrategy strategy = new ConcurrentSessionControlAuthenticationStrategy(
				sessionRegistry);
		strategy.setMaximumSessions(maximumSessions);
		return strategy;
	}

	@Bean
	CsrfTokenRepository csrfTokenRepository() {
		return new HttpSessionCsrfTokenRepository();
	}

	@Bean
	SecurityContextRepository securityContextRepository() {
		return new HttpSessionSecurityContextRepository();
	}

	/**
	 * The demo's users, unless the users are Django's
	 * ({@code session.django.auth.enabled}: the starter then reads them from Django's
	 * user table and checks Django's password hashes).
	 * @return the users
	 */
	@Bean
	@ConditionalOnProperty(name = "session.django.auth.enabled", havingValue = "false", matchIfMissing = true)
	UserDetailsService users() {
		// demo users; {noop} keeps the demo fast, never use it for real passwords
		return new InMemoryUserDetailsManager(User.withUsername("alice").password("{noop}wonderland").build(),
				User.withUsername("bob").password("{noop}builder").build());
	}

	@Bean
	AuthenticationManager authenticationManager(UserDetailsService users, ObjectProvider<PasswordEncoder> encoder) {
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
		encoder.ifAvailable(provider::setPasswordEncoder);
		return new ProviderManager(provider);
	}

}
