package io.sessionengines.securedapp.reactive;

import java.security.Principal;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.SecurityWebFilterChain;
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

	@Bean
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
