package io.sessionengines.demo.reactive;

import java.net.URI;

import io.sessionengines.security.InvalidateLeastRecentlySeenSessionsHandler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.session.ReactiveSessionRegistry;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.ConcurrentSessionControlServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.DelegatingServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.RegisterSessionServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.SessionLimit;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * Spring Security for the reactive demo: form login for the web page and a JSON login for
 * the API, both keeping the security context in the engine-backed session by Django's
 * rules ({@link DjangoLoginSecurityContextRepository}). Every page is public;
 * {@code /api/me} tells who is logged in. The filter chain is left out of
 * {@code clearsessions}, which runs without a web server.
 *
 * @author Session Engines contributors
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http,
			ServerSecurityContextRepository securityContextRepository, ServerCsrfTokenRepository csrfTokens,
			@Value("${demo.maximum-sessions:0}") int maximumSessions) {
		RedirectServerLogoutSuccessHandler toHome = new RedirectServerLogoutSuccessHandler();
		toHome.setLogoutSuccessUrl(URI.create("/"));
		if (maximumSessions > 0) {
			// form logins: the starter's registry is the one Spring Security takes
			http.sessionManagement((sessions) -> sessions
				.concurrentSessions((concurrent) -> concurrent.maximumSessions(SessionLimit.of(maximumSessions))
					.maximumSessionsExceededHandler(new InvalidateLeastRecentlySeenSessionsHandler())));
		}
		return http.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			// the JSON API takes no CSRF token (see demo-api.md); the form does
			.csrf((csrf) -> csrf.csrfTokenRepository(csrfTokens)
				.requireCsrfProtectionMatcher(new AndServerWebExchangeMatcher(CsrfWebFilter.DEFAULT_CSRF_MATCHER,
						new NegatedServerWebExchangeMatcher(
								ServerWebExchangeMatchers.pathMatchers("/api/**", "/actuator/**")))))
			.securityContextRepository(securityContextRepository)
			// every page is public: no request waits for a login to resume it
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.formLogin((form) -> form.securityContextRepository(securityContextRepository))
			.logout((logout) -> logout.logoutSuccessHandler(toHome))
			.build();
	}

	/**
	 * Spring Security's concurrent-session control for the JSON login, with
	 * {@code demo.maximum-sessions}: the login that goes past the limit ends the user's
	 * least recently seen session. The starter's registry makes it atomic.
	 * @param sessionRegistry the registry of each user's sessions
	 * @param maximumSessions the most sessions a user may have
	 * @return the concurrent-session control
	 */
	@Bean
	@ConditionalOnProperty("demo.maximum-sessions")
	ServerAuthenticationSuccessHandler concurrentSessionControl(ReactiveSessionRegistry sessionRegistry,
			@Value("${demo.maximum-sessions}") int maximumSessions) {
		ConcurrentSessionControlServerAuthenticationSuccessHandler control = new ConcurrentSessionControlServerAuthenticationSuccessHandler(
				sessionRegistry, new InvalidateLeastRecentlySeenSessionsHandler());
		control.setSessionLimit(SessionLimit.of(maximumSessions));
		return new DelegatingServerAuthenticationSuccessHandler(control,
				new RegisterSessionServerAuthenticationSuccessHandler(sessionRegistry));
	}

	@Bean
	ServerCsrfTokenRepository csrfTokenRepository() {
		return new SessionCsrfTokenRepository();
	}

	@Bean
	ServerSecurityContextRepository securityContextRepository(ServerCsrfTokenRepository csrfTokens) {
		return new DjangoLoginSecurityContextRepository(csrfTokens);
	}

	/**
	 * The demo's users, unless the users are Django's
	 * ({@code session.django.auth.enabled}: the starter then reads them from Django's
	 * user table, off the event loop, and checks Django's password hashes).
	 * @return the users
	 */
	@Bean
	@ConditionalOnProperty(name = "session.django.auth.enabled", havingValue = "false", matchIfMissing = true)
	ReactiveUserDetailsService users() {
		// demo users; {noop} keeps the demo fast, never use it for real passwords
		return new MapReactiveUserDetailsService(User.withUsername("alice").password("{noop}wonderland").build(),
				User.withUsername("bob").password("{noop}builder").build());
	}

	@Bean
	ReactiveAuthenticationManager authenticationManager(ReactiveUserDetailsService users,
			ObjectProvider<PasswordEncoder> encoder) {
		// the password check runs on Reactor's scheduler for blocking work
		UserDetailsRepositoryReactiveAuthenticationManager manager = new UserDetailsRepositoryReactiveAuthenticationManager(
				users);
		encoder.ifAvailable(manager::setPasswordEncoder);
		return manager;
	}

}
