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
		Path directory = Path.of(directory(properties));
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

	/**
	 * Return the directory the {@code file} engine stores sessions in:
	 * {@code session.file.path}, or the system temporary directory, as Django's
	 * {@code SESSION_FILE_PATH} falls back to.
	 * @param properties the properties
	 * @return the directory
	 */
	static String directory(SessionEngineProperties properties) {
		String configured = properties.getFile().getPath();
		return (configured != null) ? configured : System.getProperty("java.io.tmpdir");
	}

}
