package io.sessionengines.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code demo.maximum-sessions=1} on every engine (on its embedded backend): Spring
 * Security's concurrent-session control on the registry, made atomic by the starter. The
 * login past the limit ends the user's oldest session, and logins racing for the one
 * place leave exactly one live session, in every one of 20 rounds.
 *
 * @author Session Engines contributors
 */
class MaximumSessionsDemoIntegrationTests {

	private static final String LOGIN = "{\"username\":\"alice\",\"password\":\"wonderland\"}";

	private static final int ROUNDS = 20;

	private static final int RACING_LOGINS = 6;

	@ParameterizedTest
	@ValueSource(strings = { "db", "file", "cache", "cached_db", "signed_cookies" })
	void theLoginPastTheLimitEndsTheOldestSessionAndRacingLoginsLeaveOne(String engine) throws Exception {
		try (ConfigurableApplicationContext context = SpringApplication.run(DemoApplication.class, "--server.port=0",
				"--spring.main.banner-mode=off", "--session.engine=" + engine, "--demo.maximum-sessions=1")) {
			Integer port = context.getEnvironment().getProperty("local.server.port", Integer.class);
			assertThat(port).isNotNull();
			DemoHttp http = new DemoHttp(port);
			String first = login(http);
			String second = login(http);
			assertThat(http.get("/api/me", first).status()).as("the oldest session").isEqualTo(401);
			assertThat(http.get("/api/me", second).status()).isEqualTo(200);
			assertThat(http.get("/api/sessions", second).json()).hasSize(1);
			for (int round = 0; round < ROUNDS; round++) {
				List<CompletableFuture<Reply>> logins = new ArrayList<>();
				for (int i = 0; i < RACING_LOGINS; i++) {
					logins.add(http.postAsync("/api/login", LOGIN, null));
				}
				List<String> cookies = new ArrayList<>();
				for (CompletableFuture<Reply> login : logins) {
					Reply reply = login.get(30, TimeUnit.SECONDS);
					assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
					cookies.add(reply.newSessionCookie());
				}
				cookies.add(second);
				List<String> live = cookies.stream()
					.filter((cookie) -> http.get("/api/me", cookie).status() == 200)
					.toList();
				assertThat(live).as("round %d on %s", round, engine).hasSize(1);
				assertThat(http.get("/api/sessions", live.get(0)).json()).hasSize(1);
				second = live.get(0);
			}
		}
	}

	private static String login(DemoHttp http) {
		Reply reply = http.post("/api/login", LOGIN, null);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		return reply.newSessionCookie();
	}

}
