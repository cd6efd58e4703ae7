package io.sessionengines.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.sessionengines.registry.UserSessions;
import io.sessionengines.securedapp.SecuredApplication;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An ordinary secured application's {@code sessionManagement().maximumSessions(1)}, with
 * both of Spring Security's policies, on the engines: Spring Security's own
 * concurrent-session control, made atomic by the starter. Logins racing for the one place
 * leave exactly one live session in each of 20 rounds; with the refusing policy exactly
 * one of them succeeds.
 *
 * @author Session Engines contributors
 */
class SecuredApplicationSessionLimitIntegrationTests {

	private static final int ROUNDS = 20;

	private static final int RACING_LOGINS = 6;

	@TempDir
	static Path fileDirectory;

	@ParameterizedTest
	@CsvSource({ "db,false", "db,true", "file,false", "cache,true", "cached_db,false", "signed_cookies,false",
			"signed_cookies,true" })
	void maximumSessionsHoldsWhenLoginsRace(String engine, boolean refuseLoginWhenFull) throws Exception {
		try (ConfigurableApplicationContext context = SpringApplication.run(SecuredApplication.class,
				"--spring.config.name=securedapp", "--server.port=0", "--spring.main.banner-mode=off",
				"--session.engine=" + engine, "--session.file.path=" + fileDirectory, "--securedapp.maximum-sessions=1",
				"--securedapp.refuse-login-when-full=" + refuseLoginWhenFull)) {
			Integer port = context.getEnvironment().getProperty("local.server.port", Integer.class);
			assertThat(port).isNotNull();
			DemoHttp http = new DemoHttp(port);
			UserSessions userSessions = context.getBean(UserSessions.class);
			userSessions.endAll(SecuredApplication.USER);
			String first = SecuredApplicationIntegrationTests.formLogin(http);
			Reply second = SecuredApplicationIntegrationTests
				.submitLoginForm(http, SecuredApplicationIntegrationTests.loginPage(http))
				.get(30, TimeUnit.SECONDS);
			assertThat(second.status()).isEqualTo(302);
			if (refuseLoginWhenFull) {
				assertThat(second.location()).as(second.toString()).contains("error");
				assertThat(isLoggedIn(http, first)).isTrue();
			}
			else {
				assertThat(second.location()).as(second.toString()).doesNotContain("error");
				assertThat(isLoggedIn(http, first)).as("the oldest session").isFalse();
				assertThat(isLoggedIn(http, second.newSessionCookie())).isTrue();
			}
			for (int round = 0; round < ROUNDS; round++) {
				userSessions.endAll(SecuredApplication.USER);
				List<Reply> pages = new ArrayList<>();
				for (int i = 0; i < RACING_LOGINS; i++) {
					pages.add(SecuredApplicationIntegrationTests.loginPage(http));
				}
				List<CompletableFuture<Reply>> logins = pages.stream()
					.map((page) -> SecuredApplicationIntegrationTests.submitLoginForm(http, page))
					.toList();
				List<String> succeeded = new ArrayList<>();
				for (CompletableFuture<Reply> login : logins) {
					Reply reply = login.get(30, TimeUnit.SECONDS);
					// a login ended by a racing one before its own response is refused
					// as a session deleted meanwhile (400); never an error
					assertThat(reply.status()).as(reply.toString()).isIn(302, 400);
					String location = reply.location();
					if (reply.status() == 302 && location != null && !location.contains("error")) {
						succeeded.add(reply.newSessionCookie());
					}
				}
				List<String> live = succeeded.stream().filter((cookie) -> isLoggedIn(http, cookie)).toList();
				assertThat(live).as("round %d on %s", round, engine).hasSize(1);
				if (refuseLoginWhenFull) {
					assertThat(succeeded).as("round %d on %s", round, engine).hasSize(1);
				}
				assertThat(userSessions.list(SecuredApplication.USER)).hasSize(1);
			}
		}
	}

	private static boolean isLoggedIn(DemoHttp http, String cookie) {
		return http.get("/hello", cookie).status() == 200;
	}

}
