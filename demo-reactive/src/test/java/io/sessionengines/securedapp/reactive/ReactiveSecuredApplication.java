package io.sessionengines.securedapp.reactive;

import java.security.Principal;
import java.time.Duration;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.WebSession;

/**
 * An ordinary secured Spring WebFlux application, as users write them and unlike the
 * reactive demo: every exchange must be authenticated, stock form login and HTTP Basic,
 * Boot's reactive error handling, a controller that throws, {@link WebSession} use, and
 * Boot's own reactive session settings ({@code server.reactive.session.*}). The starter
 * is simply on its classpath.
 *
 * @author Session Engines contributors
 */
@SpringBootApplication
public class ReactiveSecuredApplication {

	/**
	 * The user's name.
	 */
	public static final String USER = "alice";

	/**
	 * The user's password.
	 */
	public static final String PASSWORD = "wonderland";

	/**
	 * Spring Security's stock reactive configuration.
	 */
	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
		return http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
			.formLogin(Customizer.withDefaults())
			.httpBasic(Customizer.withDefaults())
			.build();
	}

	/**
	 * A single sign-on login at {@code POST /sso-login}, with Django's users: the
	 * identity provider's user named by the {@code user} parameter, a Django user when
	 * Django has one of that name. The authentication ends on a non-blocking thread, as
	 * one that awaits a {@code WebClient} call does (an OAuth2 login's, say), so the
	 * login is stored there.
	 */
	@Bean
	@Order(0)
	@ConditionalOnProperty(name = "securedapp.django-users", havingValue = "true")
	SecurityWebFilterChain singleSignOnFilterChain(ServerHttpSecurity http, ReactiveUserDetailsService users) {
		ReactiveAuthenticationManager identityProvider = (authentication) -> users
			.findByUsername(authentication.getName())
			.defaultIfEmpty(User.withUsername(authentication.getName()).password("").build())
			.delayElement(Duration.ofMillis(1))
			.map((user) -> UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
		AuthenticationWebFilter login = new AuthenticationWebFilter(identityProvider);
		login.setRequiresAuthenticationMatcher(ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, "/sso-login"));
		login.setServerAuthenticationConverter(
				(exchange) -> Mono.justOrEmpty(exchange.getRequest().getQueryParams().getFirst("user"))
					.map((name) -> UsernamePasswordAuthenticationToken.unauthenticated(name, null)));
		login.setSecurityContextRepository(new WebSessionServerSecurityContextRepository());
		login.setAuthenticationSuccessHandler(new RedirectServerAuthenticationSuccessHandler("/hello"));
		return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/sso-login"))
			.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.addFilterAt(login, SecurityWebFiltersOrder.AUTHENTICATION)
			.build();
	}

	/**
	 * The application's own user, unless {@code securedapp.django-users} gives the login
	 * to Django's users (the starter's login bridge).
	 */
	@Bean
	@ConditionalOnProperty(name = "securedapp.django-users", havingValue = "false", matchIfMissing = true)
	MapReactiveUserDetailsService users() {
		return new MapReactiveUserDetailsService(
				User.withUsername(USER).password("{noop}" + PASSWORD).roles("USER").build());
	}

	@RestController
	static class PagesController {

		@GetMapping("/hello")
		Mono<String> hello(Mono<Principal> principal) {
			return principal.map((user) -> "hello " + user.getName());
		}

		@GetMapping("/cart")
		String cart(WebSession session) {
			Map<String, Object> attributes = session.getAttributes();
			int count = (attributes.get("items") instanceof Number number) ? number.intValue() + 1 : 1;
			attributes.put("items", count);
			return String.valueOf(count);
		}

		@GetMapping("/boom")
		String boom() {
			throw new IllegalStateException("the controller failed");
		}

	}

}
