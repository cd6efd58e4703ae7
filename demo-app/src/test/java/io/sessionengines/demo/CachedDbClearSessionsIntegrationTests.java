package io.sessionengines.demo;

import java.util.List;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Tests for {@link ClearSessionsCommand} with the {@code cached_db} engine
 * ({@link ClearSessionsChecks}, which the reactive demo passes too).
 *
 * @author Session Engines contributors
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "session.engine=cached_db",
		"session.cache-alias=memory", CachedDbClearSessionsIntegrationTests.DATASOURCE_URL_PROPERTY })
class CachedDbClearSessionsIntegrationTests implements ClearSessionsChecks {

	static final String DATASOURCE_URL_PROPERTY = "spring.datasource.url=jdbc:h2:mem:clearsessions-cached-db;DB_CLOSE_DELAY=-1";

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	@Override
	public Class<?> application() {
		return DemoApplication.class;
	}

	@Override
	public List<String> settings() {
		return List.of("--session.engine=cached_db", "--session.cache-alias=memory", "--" + DATASOURCE_URL_PROPERTY);
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
