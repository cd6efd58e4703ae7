package io.sessionengines.demo;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Demo API tests with {@code session.save-every-request} on the {@code db} engine: every
 * live session is saved again, and a bogus cookie is deleted rather than turned into a
 * new empty session (Django's defect, §6.5 check 36).
 *
 * @author Session Engines contributors
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "session.engine=db",
		"session.save-every-request=true", "spring.datasource.url=jdbc:h2:mem:save-every-request;DB_CLOSE_DELAY=-1" })
class SaveEveryRequestDemoIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	private DemoHttp http;

	@BeforeEach
	void createClient() {
		this.http = new DemoHttp(this.port);
	}

	@Test
	void liveSessionIsSavedEvenWhenNotUsed() {
		String cookie = this.http.get("/api/visits", null).newSessionCookie();
		Reply reply = this.http.get("/api/hello", cookie);
		assertThat(reply.body()).isEqualTo("ok");
		SetCookie resent = reply.sessionCookie();
		assertThat(resent).as(reply.toString()).isNotNull();
		assertThat(resent.value()).isEqualTo(cookie);
		assertThat(resent.maxAge()).isEqualTo(AbstractDemoHttpIntegrationTests.DEFAULT_COOKIE_AGE);
		assertThat(reply.variesOnCookie()).isTrue();
	}

	@Test
	void requestWithoutCookieGetsNoCookie() {
		Reply reply = this.http.get("/api/hello", null);
		assertThat(reply.setCookies()).isEmpty();
	}

	@Test
	void bogusCookieIsDeletedAndNoEmptySessionIsCreated() {
		int before = rows();
		Reply reply = this.http.get("/api/hello", AbstractDemoHttpIntegrationTests.randomKey());
		assertThat(reply.body()).isEqualTo("ok");
		AbstractDemoHttpIntegrationTests.assertDeletionCookie(reply);
		assertThat(rows()).isEqualTo(before);
	}

	private int rows() {
		Integer rows = this.jdbc.queryForObject("select count(*) from django_session", Integer.class);
		return (rows != null) ? rows : 0;
	}

}
