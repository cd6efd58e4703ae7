package io.sessionengines.benchmark;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application of the HTTP benchmark: the three endpoints of the harness in
 * {@code ../shared/bench/} over {@code HttpSession}, as the peers it is measured against
 * have them. Which jar runs decides the variant: web and the starter only, with Spring
 * Security, with Actuator, or with both; {@code --spring.autoconfigure.exclude} of the
 * starter's auto-configurations gives the same application on the container's own
 * sessions.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
@SpringBootApplication
public class BenchmarkApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(BenchmarkApplication.class);
		// a key of this run only, unless one is given: no published key to copy
		application.setDefaultProperties(Map.of("session.secret-key", randomKey()));
		application.run(args);
	}

	private static String randomKey() {
		byte[] key = new byte[48];
		new SecureRandom().nextBytes(key);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
	}

}
