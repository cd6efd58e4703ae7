package io.sessionengines.securedapp;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.servlet.http.HttpSession;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.session.HttpSessionCreatedEvent;
import org.springframework.security.web.session.HttpSessionDestroyedEvent;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An ordinary secured Spring Boot application, as users write them and unlike the demo:
 * every request must be authenticated, stock form login and HTTP Basic, Boot's default
 * error handling, a controller that throws, and {@link HttpSession} use. The starter is
 * simply on its classpath.
 *
 * @author Session Engines contributors
 */
@SpringBootApplication
public class SecuredApplication {

	/**
	 * The user's name.
	 */
	public static final String USER = "alice";

	/**
	 * The user's password.
	 */
	public static final String PASSWORD = "wonderland";

	/**
	 * Spring Security's stock configuration; with {@code securedapp.maximum-sessions},
	 * its stock concurrent-session control too ({@code securedapp.refuse-login-when-full}
	 * for the policy that refuses the login past the limit).
	 */
	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http,
			@Value("${securedapp.maximum-sessions:-1}") int maximumSessions,
			@Value("${securedapp.refuse-login-when-full:false}") boolean refuseLoginWhenFull) {
		http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.formLogin(Customizer.withDefaults())
			.httpBasic(Customizer.withDefaults());
		if (maximumSessions > 0) {
			http.sessionManagement((sessions) -> sessions.maximumSessions(maximumSessions)
				.maxSessionsPreventsLogin(refuseLoginWhenFull));
		}
		return http.build();
	}

	/**
	 * Spring Security's bridge from {@code HttpSessionListener} to its session events, as
	 * applications with concurrent-session control declare it.
	 */
	@Bean
	HttpSessionEventPublisher httpSessionEventPublisher() {
		return new HttpSessionEventPublisher();
	}

	@Bean
	SessionEventLog sessionEventLog() {
		return new SessionEventLog();
	}

	@Bean
	InMemoryUserDetailsManager users() {
		return new InMemoryUserDetailsManager(
				User.withUsername(USER).password("{noop}" + PASSWORD).roles("USER").build());
	}

	/**
	 * A value of the application's own, allowed by {@code session.typed-values}.
	 *
	 * @param day the day
	 * @param channel how the user came
	 */
	public record Visit(LocalDate day, String channel) {

	}

	@Controller
	static class ForwardingController {

		@GetMapping("/forwarded")
		String forwarded() {
			return "forward:/hello";
		}

	}

	@RestController
	static class PagesController {

		@GetMapping("/hello")
		String hello(java.security.Principal principal) {
			return "hello " + principal.getName();
		}

		@GetMapping("/cart")
		String cart(HttpSession session) {
			Object items = session.getAttribute("items");
			int count = (items instanceof Number number) ? number.intValue() + 1 : 1;
			session.setAttribute("items", count);
			return String.valueOf(count);
		}

		@GetMapping("/first-visit")
		String firstVisit(HttpSession session) {
			if (session.getAttribute("firstVisit") == null) {
				session.setAttribute("firstVisit", new Visit(LocalDate.now(), "web"));
			}
			return session.getAttribute("firstVisit").toString();
		}

		@GetMapping("/boom")
		String boom() {
			throw new IllegalStateException("the controller failed");
		}

	}

	/**
	 * What Spring Security's session events said, as an application's audit log would
	 * record it: {@code created} or {@code destroyed}, with the user of a destroyed
	 * session's security context.
	 */
	public static class SessionEventLog {

		private final List<String> events = new CopyOnWriteArrayList<>();

		@EventListener
		void created(HttpSessionCreatedEvent event) {
			this.events.add("created");
		}

		@EventListener
		void destroyed(HttpSessionDestroyedEvent event) {
			this.events.add("destroyed " + event.getSecurityContexts()
				.stream()
				.map((context) -> context.getAuthentication().getName())
				.toList());
		}

		/**
		 * Return the events since the last call, and forget them.
		 * @return the events
		 */
		public synchronized List<String> take() {
			List<String> taken = List.copyOf(this.events);
			this.events.clear();
			return taken;
		}

	}

}
