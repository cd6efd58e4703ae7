package io.sessionengines.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes Spring Boot's own session cookie settings
 * ({@code server.servlet.session.cookie.*}) the defaults of the {@code session.cookie.*}
 * settings they correspond to, so that an application configured the usual Boot way (such
 * as {@code server.servlet.session.cookie.secure=true}) gets what it asked for. A
 * {@code session.*} setting, or its Django environment variable, wins when both are set:
 * the mapped values are the environment's last property source.
 * <p>
 * Each mapped key is named once in the log at start-up.
 *
 * @author Session Engines contributors
 */
final class BootSessionSettingsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE_NAME = "sessionEnginesBootSessionSettings";

	private static final Map<String, String> MAPPING = Map.of("server.servlet.session.cookie.name",
			"session.cookie.name", "server.servlet.session.cookie.domain", "session.cookie.domain",
			"server.servlet.session.cookie.path", "session.cookie.path", "server.servlet.session.cookie.secure",
			"session.cookie.secure", "server.servlet.session.cookie.http-only", "session.cookie.http-only",
			"server.servlet.session.cookie.same-site", "session.cookie.same-site",
			"server.servlet.session.cookie.max-age", "session.cookie.age", "server.servlet.session.timeout",
			"session.idle-timeout");

	private final Log logger;

	BootSessionSettingsEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(BootSessionSettingsEnvironmentPostProcessor.class);
	}

	@Override
	public int getOrder() {
		// after the application's configuration files have been read
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		MAPPING.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach((mapping) -> {
			String bootValue = environment.getProperty(mapping.getKey());
			if (bootValue != null && !environment.containsProperty(mapping.getValue())) {
				defaults.put(mapping.getValue(), bootValue);
				this.logger.info(mapping.getKey() + " applies to the sessions as " + mapping.getValue() + "; set "
						+ mapping.getValue() + " to override it");
			}
		});
		if (!defaults.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
		}
	}

}
