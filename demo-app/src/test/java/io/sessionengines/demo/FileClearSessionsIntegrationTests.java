package io.sessionengines.demo;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tests for {@link ClearSessionsCommand} with the {@code file} engine
 * ({@link FileClearSessionsChecks}, which the reactive demo passes too).
 *
 * @author Session Engines contributors
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "session.engine=file")
class FileClearSessionsIntegrationTests implements FileClearSessionsChecks {

	@TempDir
	static Path directory;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void sessionDirectory(DynamicPropertyRegistry registry) {
		registry.add("session.file.path", () -> directory.toString());
	}

	@Override
	public Class<?> application() {
		return DemoApplication.class;
	}

	@Override
	public DemoHttp http() {
		return new DemoHttp(this.port);
	}

	@Override
	public Path directory() {
		return directory;
	}

}
