package io.sessionengines.web.reactive;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

/**
 * The session middleware under Spring WebFlux with the {@code file} engine.
 *
 * @author Session Engines contributors
 */
class FileReactiveSessionTests extends AbstractReactiveSessionTests {

	@TempDir
	static Path directory;

	@Override
	String[] engineProperties() {
		return new String[] { "session.engine=file", "session.file.path=" + directory };
	}

}
