package io.sessionengines.demo.reactive;

import io.sessionengines.demo.ActuatorChecks;
import io.sessionengines.demo.DemoHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session engine seen through Actuator over HTTP on the reactive demo
 * ({@link ActuatorChecks}), with the {@code db} engine. BlockHound watches the server's
 * non-blocking threads.
 *
 * @author Session Engines contributors
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "session.engine=" + ActuatorChecks.ENGINE,
				"spring.datasource.url=jdbc:h2:mem:reactive-actuator;DB_CLOSE_DELAY=-1",
				"management.endpoints.web.exposure.include=" + ActuatorChecks.EXPOSED })
class ActuatorReactiveDemoIntegrationTests implements ActuatorChecks {

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

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
	public JdbcTemplate jdbc() {
		return this.jdbc;
	}

}
