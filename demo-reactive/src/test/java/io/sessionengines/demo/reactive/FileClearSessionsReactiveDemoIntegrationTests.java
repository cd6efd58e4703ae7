package io.sessionengines.demo.reactive;

import java.nio.file.Path;

import io.sessionengines.demo.ClearSessionsCommand;
import io.sessionengines.demo.DemoHttp;
import io.sessionengines.demo.FileClearSessionsChecks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClearSessionsCommand} with the {@code file} engine on the reactive
 * demo ({@link FileClearSessionsChecks}): its command context, without a web server,
 * purges the session files of the running reactive demo.
 *
 * @author Session Engines contributors
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "session.engine=file")
class FileClearSessionsReactiveDemoIntegrationTests implements FileClearSessionsChecks {

	@TempDir
	static Path directory;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void sessionDirectory(DynamicPropertyRegistry registry) {
		registry.add("session.file.path", () -> directory.toString());
	}

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
	public DemoHttp http() {
		return new DemoHttp(this.port);
	}

	@Override
	public Path directory() {
		return directory;
	}

}
