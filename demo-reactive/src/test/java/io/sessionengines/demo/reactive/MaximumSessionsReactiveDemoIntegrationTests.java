package io.sessionengines.demo.reactive;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.sessionengines.demo.DemoHttp;
import io.sessionengines.demo.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code demo.maximum-sessions=1} on every engine (on its embedded backend) of the
 * reactive demo: Spring Security WebFlux's concurrent-session control on the starter's
 * registry, atomic, with no blocking call on an event loop (BlockHound watches). The
 * login past the limit ends the user's oldest session, and logins racing for the one
 * place leave exactly one live session, in every one of 20 rounds.
 * <p>
 * A racing login whose session another login ended before its response committed answers
 * 400, as Django answers a request whose session was deleted meanwhile, and sets no
 * cookie. (The servlet demo answers such a login 200 with a cookie of an ended session,
 * because its JSON login writes the response before the session commits.)
 *
 * @author Session Engines contributors
 */
class MaximumSessionsReactiveDemoIntegrationTests {

	private static final String LOGIN = "{\"username\":\"alice\",\"password\":\"wonderland\"}";

	private static final int ROUNDS = 20;

	private static final int RACING_LOGINS = 6;

	@BeforeAll
	static void installBlockHound() {
		BlockingCalls.install();
	}

	@AfterEach
	void nothingBlockedANonBlockingThread() {
		assertThat(BlockingCalls.drain()).as("blocking calls on non-blocking threads").isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "db", "file", "cache", "cached_db", "signed_cookies" })
	void theLoginPastTheLimitEndsTheOldestSessionAndRacingLoginsLeaveOne(String engine) throws Exception {
		try (ConfigurableApplicationContext context = SpringApplication.run(ReactiveDemoApplication.class,
				"--server.port=0", "--spring.main.banner-mode=off", "--session.engine=" + engine,
				"--demo.maximum-sessions=1")) {
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
					if (reply.status() == 200) {
						cookies.add(reply.newSessionCookie());
					}
					else {
						assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
						assertThat(reply.body()).as(reply.toString()).contains("session was deleted");
						assertThat(reply.sessionCookie()).as(reply.toString()).isNull();
					}
				}
				assertThat(cookies).as("the logins that answered 200 in round %d", round).isNotEmpty();
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
