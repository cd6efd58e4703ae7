package io.sessionengines.demo.reactive;

import java.io.IOException;
import java.nio.file.Path;

import io.sessionengines.demo.FileEngineChecks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Reactive demo tests with the {@code file} engine, in a scratch directory of the test's
 * own next to a sentinel file ({@link FileEngineChecks}).
 *
 * @author Session Engines contributors
 */
@TestPropertySource(properties = "session.engine=file")
class FileEngineReactiveDemoIntegrationTests extends AbstractServerSideReactiveDemoIntegrationTests
		implements FileEngineChecks {

	@TempDir
	static Path root;

	@BeforeAll
	static void createDirectories() throws IOException {
		FileEngineChecks.createDirectories(root);
	}

	@DynamicPropertySource
	static void sessionDirectory(DynamicPropertyRegistry registry) {
		registry.add("session.file.path", () -> FileEngineChecks.sessionDirectory(root).toString());
	}

	@Override
	public Path root() {
		return root;
	}

}
