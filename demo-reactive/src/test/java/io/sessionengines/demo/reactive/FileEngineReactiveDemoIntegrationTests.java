package io.sessionengines.demo.reactive;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Reactive demo tests with the {@code file} engine, in a directory of the test's own.
 *
 * @author Session Engines contributors
 */
@TestPropertySource(properties = "session.engine=file")
class FileEngineReactiveDemoIntegrationTests extends AbstractServerSideReactiveDemoIntegrationTests {

	@TempDir
	static Path directory;

	@DynamicPropertySource
	static void sessionDirectory(DynamicPropertyRegistry registry) {
		registry.add("session.file.path", () -> directory.toString());
	}

}
