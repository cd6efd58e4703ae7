package io.sessionengines.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;

import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.file.FileSessionEngine;
import io.sessionengines.serializer.SessionSerializer;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code file} engine, in {@code session.file.path} or the system temporary
 * directory; files are named after the session cookie, as Django names them.
 *
 * @author Session Engines contributors
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSessionEngine(SessionEngineType.FILE)
@ConditionalOnMissingBean(SessionEngine.class)
class FileSessionEngineConfiguration {

	@Bean
	FileSessionEngine fileSessionEngine(SessionEngineProperties properties, SessionSerializer serializer,
			SessionExpiry expiry) {
		String configured = properties.getFile().getPath();
		Path directory = Path.of((configured != null) ? configured : System.getProperty("java.io.tmpdir"));
		if (!Files.isDirectory(directory) || !Files.isWritable(directory)) {
			throw new SessionConfigurationException(
					"The 'file' session engine cannot store sessions in " + directory.toAbsolutePath()
							+ ": it is not a writable directory.",
					"Create the directory and let the application's user write to it, or set session.file.path "
							+ "(SESSION_FILE_PATH) to such a directory.");
		}
		return new FileSessionEngine(directory, properties.getCookie().getName(),
				SessionSigners.storedDataCodec(properties, serializer), expiry);
	}

}
