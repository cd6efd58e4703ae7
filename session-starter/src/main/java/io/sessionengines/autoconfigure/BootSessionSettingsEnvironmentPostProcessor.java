package io.sessionengines.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes Spring Boot's own session settings the defaults of the {@code session.*} settings
 * they correspond to, so that an application configured the usual Boot way (such as
 * {@code server.servlet.session.cookie.secure=true}) gets what it asked for: the
 * {@code server.servlet.session.cookie.*} settings and
 * {@code server.servlet.session.timeout} in a servlet application, and their
 * {@code server.reactive.session.*} counterparts in a reactive one. A {@code session.*}
 * setting, or its Django environment variable, wins when both are set: the mapped values
 * are the environment's last property source.
 * <p>
 * Each mapped key is named once in the log at start-up.
 *
 * @author Session Engines contributors
 */
final class BootSessionSettingsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE_NAME = "sessionEnginesBootSessionSettings";

	private static final String SERVLET_PREFIX = "server.servlet.session.";

	private static final String REACTIVE_PREFIX = "server.reactive.session.";

	/**
	 * Boot's settings, after {@code server.servlet.session.} or
	 * {@code server.reactive.session.}, and the settings they are the defaults of.
	 */
	private static final Map<String, String> MAPPING = Map.of("cookie.name", "session.cookie.name", "cookie.domain",
			"session.cookie.domain", "cookie.path", "session.cookie.path", "cookie.secure", "session.cookie.secure",
			"cookie.http-only", "session.cookie.http-only", "cookie.same-site", "session.cookie.same-site",
			"cookie.max-age", "session.cookie.age", "timeout", "session.idle-timeout");

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
		String prefix = (application.getWebApplicationType() == WebApplicationType.REACTIVE) ? REACTIVE_PREFIX
				: SERVLET_PREFIX;
		Map<String, Object> defaults = new LinkedHashMap<>();
		MAPPING.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach((mapping) -> {
			String bootKey = prefix + mapping.getKey();
			String bootValue = environment.getProperty(bootKey);
			if (bootValue != null && !environment.containsProperty(mapping.getValue())) {
				defaults.put(mapping.getValue(), bootValue);
				this.logger.info(bootKey + " applies to the sessions as " + mapping.getValue() + "; set "
						+ mapping.getValue() + " to override it");
			}
		});
		if (!defaults.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
		}
	}

}
