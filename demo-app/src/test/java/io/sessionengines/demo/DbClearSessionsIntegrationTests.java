package io.sessionengines.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClearSessionsCommand} with the {@code db} engine: sessions are made
 * through the API of a running application, then the command runs in its own context
 * against the same database, as {@code java -jar demo-app.jar clearsessions} would.
 *
 * @author Session Engines contributors
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "session.engine=db", DbClearSessionsIntegrationTests.DATASOURCE_URL_PROPERTY })
class DbClearSessionsIntegrationTests {

	static final String DATASOURCE_URL = "jdbc:h2:mem:clearsessions;DB_CLOSE_DELAY=-1";

	static final String DATASOURCE_URL_PROPERTY = "spring.datasource.url=" + DATASOURCE_URL;

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void clearSessionsRemovesTheExpiredSessionsOnly() {
		DemoHttp http = new DemoHttp(this.port);
		this.jdbc.update("delete from django_session");
		String live = http.get("/api/visits", null).newSessionCookie();
		http.post("/api/ops", "[{\"op\":\"set\",\"key\":\"a\",\"value\":1},{\"op\":\"expiry\",\"value\":-10}]", null)
			.newSessionCookie();
		http.post("/api/ops",
				"[{\"op\":\"set\",\"key\":\"a\",\"value\":1},{\"op\":\"expiry\",\"value\":\"2001-02-03T04:05:06Z\"}]",
				null)
			.newSessionCookie();
		assertThat(rows()).isEqualTo(3);
		assertThat(clearSessions()).isEqualTo("Removed 2 expired session(s).");
		assertThat(rows()).isOne();
		assertThat(http.get("/api/peek", live).body()).isEqualTo("1");
		assertThat(clearSessions()).isEqualTo("Removed 0 expired session(s).");
	}

	private String clearSessions() {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		int exitCode = ClearSessionsCommand.run(DemoApplication.class,
				new String[] { "clearsessions", "--session.engine=db", "--" + DATASOURCE_URL_PROPERTY },
				new PrintStream(output, true, StandardCharsets.UTF_8));
		assertThat(exitCode).isZero();
		return output.toString(StandardCharsets.UTF_8).strip();
	}

	private int rows() {
		Integer rows = this.jdbc.queryForObject("select count(*) from django_session", Integer.class);
		return (rows != null) ? rows : 0;
	}

}
