package io.sessionengines.test.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The application the test support is tried on: a shopping cart kept in the session, open
 * to anyone, and an account page for signed-in users.
 *
 * @author Session Engines contributors
 */
@SpringBootApplication
public class CartApplication {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) {
		return http
			.authorizeHttpRequests(
					(requests) -> requests.requestMatchers("/account").authenticated().anyRequest().permitAll())
			.httpBasic(Customizer.withDefaults())
			// an API: a refused request is not saved in the session to be replayed
			.requestCache((cache) -> cache.disable())
			.csrf((csrf) -> csrf.disable())
			.build();
	}

}
