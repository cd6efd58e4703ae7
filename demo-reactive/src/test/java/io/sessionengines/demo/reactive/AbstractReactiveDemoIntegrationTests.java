package io.sessionengines.demo.reactive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.sessionengines.demo.DemoApiChecks;
import io.sessionengines.demo.DemoHttp;
import io.sessionengines.demo.HostileValueChecks;
import io.sessionengines.demo.LoginChecks;
import io.sessionengines.demo.Reply;
import io.sessionengines.demo.UserSessionsChecks;
import io.sessionengines.serializer.SessionSerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Black-box HTTP tests of the reactive demo over a real Netty server, run by a subclass
 * per engine and backend: the demo API's contract that the servlet demo keeps too
 * ({@link DemoApiChecks}, {@link LoginChecks}, {@link HostileValueChecks},
 * {@link UserSessionsChecks}, from demo-common's test-jar), plus what only WebFlux does
 * here: its request body limit, its own framework keys, and the servlet demo's page
 * served as is.
 * <p>
 * BlockHound watches the server's non-blocking threads throughout; after each test no
 * blocking call may have been seen on one.
 *
 * @author Session Engines contributors
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
abstract class AbstractReactiveDemoIntegrationTests
		implements DemoApiChecks, LoginChecks, HostileValueChecks, UserSessionsChecks {

	@LocalServerPort
	private int port;

	@Autowired
	private SessionSerializer serializer;

	private DemoHttp http;

	@BeforeAll
	static void installBlockHound() {
		BlockingCalls.install();
	}

	@BeforeEach
	void createClient() {
		this.http = new DemoHttp(this.port);
	}

	@AfterEach
	void nothingBlockedANonBlockingThread() {
		assertThat(BlockingCalls.drain()).as("blocking calls on non-blocking threads").isEmpty();
	}

	@Override
	public DemoHttp http() {
		return this.http;
	}

	@Override
	public SessionSerializer serializer() {
		return this.serializer;
	}

	@Override
	public Reply send(String method, String path, @Nullable String cookie) {
		return "DELETE".equals(method) ? this.http.delete(path, cookie) : this.http.post(path, "", cookie);
	}

	@Override
	public String logIn(String user, @Nullable String cookie) {
		return login(user, user.equals(ALICE) ? ALICE_PASSWORD : BOB_PASSWORD, cookie);
	}

	@ParameterizedTest
	@ValueSource(strings = { "[{'op':'set','key':'SPRING_SECURITY_CONTEXT','value':5}]",
			"[{'op':'set','key':'org.springframework.security.web.server.csrf.WebSessionServerCsrfTokenRepository.CSRF_TOKEN','value':5}]",
			"[{'op':'setdefault','key':'_auth_user_id','value':'1'}]" })
	void keysTheFrameworksOwnAnswerBadRequestAndLeaveTheSessionUntouched(String body) {
		String cookie = newSession();
		Reply reply = ops(body, cookie);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
		assertThat(reply.json().get("error").stringValue()).as(reply.toString()).isNotBlank();
		assertThat(reply.setCookies()).as(reply.toString()).isEmpty();
		assertThat(get("/api/peek", cookie).body()).isEqualTo("1");
	}

	@Test
	void operationsListLargerThanTheBodyLimitAnswers413AndLeavesTheSessionUntouched() {
		String cookie = newSession();
		String value = "x".repeat(300 * 1024);
		Reply reply = this.http.post("/api/ops", "[{\"op\":\"set\",\"key\":\"visits\",\"value\":\"" + value + "\"}]",
				cookie);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(413);
		assertThat(reply.setCookies()).as(reply.toString()).isEmpty();
		assertThat(get("/api/peek", cookie).body()).isEqualTo("1");
	}

	@Test
	void rootServesTheServletDemosPage() throws IOException {
		Reply page = get("/", null);
		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		assertThat(page.contentType()).startsWith("text/html");
		assertThat(page.body()).isEqualTo(
				Files.readString(Path.of("../demo-app/src/main/resources/static/index.html"), StandardCharsets.UTF_8));
		assertThat(page.setCookies()).isEmpty();
	}

}
