package io.sessionengines.demo;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The session engine seen through Actuator over HTTP ({@link ActuatorChecks}, which the
 * reactive demo passes too), with the {@code db} engine.
 *
 * @author Session Engines contributors
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "session.engine=" + ActuatorChecks.ENGINE,
				"spring.datasource.url=jdbc:h2:mem:actuator;DB_CLOSE_DELAY=-1",
				"management.endpoints.web.exposure.include=" + ActuatorChecks.EXPOSED })
class ActuatorDemoIntegrationTests implements ActuatorChecks {

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	private DemoHttp http;

	@BeforeEach
	void createClient() {
		this.http = new DemoHttp(this.port);
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
