package io.sessionengines.demo.reactive;

import java.util.List;

import io.sessionengines.demo.ClearSessionsChecks;
import io.sessionengines.demo.ClearSessionsCommand;
import io.sessionengines.demo.DemoHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClearSessionsCommand} with the {@code db} engine on the reactive demo
 * ({@link ClearSessionsChecks}): its command context, without a web server, purges what
 * the running reactive demo stored.
 *
 * @author Session Engines contributors
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "session.engine=db", DbClearSessionsReactiveDemoIntegrationTests.DATASOURCE_URL_PROPERTY })
class DbClearSessionsReactiveDemoIntegrationTests implements ClearSessionsChecks {

	static final String DATASOURCE_URL_PROPERTY = "spring.datasource.url=jdbc:h2:mem:reactive-clearsessions;DB_CLOSE_DELAY=-1";

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	@BeforeAll
	static void installBlockHound() {
		BlockingCalls.install();
	}

	@AfterEach
	void nothingBlockedANonBlockingThread() {
		assertThat(BlockingCalls.drain()).as("blocking calls on non-blocking threads").isEmpty();
	}

	@Override
	public Class<?> application() {
		return ReactiveDemoApplication.class;
	}

	@Override
	public List<String> settings() {
		return List.of("--session.engine=db", "--" + DATASOURCE_URL_PROPERTY);
	}

	@Override
	public DemoHttp http() {
		return new DemoHttp(this.port);
	}

	@Override
	public JdbcTemplate jdbc() {
		return this.jdbc;
	}

}
