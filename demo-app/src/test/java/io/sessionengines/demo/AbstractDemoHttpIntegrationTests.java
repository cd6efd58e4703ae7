package io.sessionengines.demo;

import io.sessionengines.serializer.SessionSerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Black-box HTTP tests of the servlet demo, run against a real server by a subclass per
 * engine: the demo API's contract that the reactive demo keeps too
 * ({@link DemoApiChecks}, {@link LoginChecks}, {@link HostileValueChecks},
 * {@link UserSessionsChecks}, shared with it through demo-common's test-jar). The checks
 * of an engine family are interfaces that the engine's class implements
 * ({@link SignedCookiesChecks}, {@link DatabaseChecks}, {@link CachedDbChecks}), so that
 * no test class is more than two abstract classes deep.
 *
 * @author Session Engines contributors
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
abstract class AbstractDemoHttpIntegrationTests
		implements DemoApiChecks, LoginChecks, HostileValueChecks, UserSessionsChecks {

	@LocalServerPort
	private int port;

	@Autowired
	private SessionSerializer serializer;

	private DemoHttp http;

	@BeforeEach
	void createClient() {
		this.http = new DemoHttp(this.port);
	}

	/**
	 * Only the servlet demo passes this check: its middleware reads the session cookie of
	 * every request, while WebFlux opens a session only when the request asks for it, so
	 * a request that never does leaves even a malformed cookie alone.
	 */
	@Test
	void cookieShorterThanEightCharactersIsDeletedEvenWhenTheSessionIsNotUsed() {
		Reply reply = get("/api/hello", "abc");
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.body()).isEqualTo("ok");
		DemoApi.assertDeletionCookie(reply);
	}

	@Override
	public Reply send(String method, String path, @Nullable String cookie) {
		return "DELETE".equals(method) ? this.http.delete(path, cookie) : this.http.post(path, "", cookie);
	}

	@Override
	public String logIn(String user, @Nullable String cookie) {
		return login(user, user.equals(ALICE) ? ALICE_PASSWORD : BOB_PASSWORD, cookie);
	}

	@Override
	public DemoHttp http() {
		return this.http;
	}

	@Override
	public SessionSerializer serializer() {
		return this.serializer;
	}

}
