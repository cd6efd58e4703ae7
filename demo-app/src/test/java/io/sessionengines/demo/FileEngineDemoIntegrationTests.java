package io.sessionengines.demo;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Demo API tests with the {@code file} engine, plus the {@link FileEngineChecks} that the
 * reactive demo passes too: one file per session named after the cookie, readable by its
 * owner only, and cookies that try to leave the session directory, which sits in a
 * scratch directory of the test's own next to a sentinel file.
 *
 * @author Session Engines contributors
 */
@TestPropertySource(properties = "session.engine=file")
class FileEngineDemoIntegrationTests extends AbstractServerSideDemoHttpIntegrationTests implements FileEngineChecks {

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
