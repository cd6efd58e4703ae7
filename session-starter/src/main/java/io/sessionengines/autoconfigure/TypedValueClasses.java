package io.sessionengines.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.sessionengines.serializer.JsonSessionSerializer;
import tools.jackson.core.Version;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.ClassUtils;

/**
 * The classes whose objects a session may hold as typed JSON values besides Spring
 * Security's: {@code java.time}, and the application's own from
 * {@code session.typed-values} (a class name, or a package as {@code com.example.*}).
 *
 * @author Session Engines contributors
 */
final class TypedValueClasses {

	private static final String JAVA_TIME = "java.time";

	private final List<Class<?>> types;

	private final List<String> packages;

	private final ClassLoader classLoader;

	private TypedValueClasses(List<Class<?>> types, List<String> packages, ClassLoader classLoader) {
		this.types = types;
		this.packages = packages;
		this.classLoader = classLoader;
	}

	/**
	 * Return the typed-value classes of an application.
	 * @param names the application's class and package names
	 * @param classLoader the application's class loader
	 * @return the classes
	 * @throws SessionConfigurationException if a class cannot be found
	 */
	static TypedValueClasses of(List<String> names, ClassLoader classLoader) {
		List<Class<?>> types = new ArrayList<>();
		List<String> packages = new ArrayList<>(List.of(JAVA_TIME));
		for (String name : names) {
			if (name.endsWith(".*")) {
				packages.add(name.substring(0, name.length() - 2));
			}
			else if (ClassUtils.isPresent(name, classLoader)) {
				types.add(ClassUtils.resolveClassName(name, classLoader));
			}
			else {
				throw new SessionConfigurationException(
						"session.typed-values names the class '" + name + "', which cannot be found.",
						"Give the fully qualified name of a class of the application, or a package as com.example.*.");
			}
		}
		return new TypedValueClasses(types, packages, classLoader);
	}

	/**
	 * Return a serializer for these typed values and the given others.
	 * @param modules the Jackson modules that write and read the other types
	 * @param otherTypes more types, such as Spring Security's
	 * @return the serializer
	 */
	JsonSessionSerializer serializer(List<JacksonModule> modules, List<Class<?>> otherTypes) {
		JsonMapper mapper = JsonMapper.builder().addModules(modules).addModule(new IsoDates()).build();
		List<Class<?>> all = new ArrayList<>(otherTypes);
		all.addAll(this.types);
		return new JsonSessionSerializer(mapper, all, this.packages, this.classLoader);
	}

	/**
	 * Dates as ISO-8601 text, which a Django application can read too, and a date-time
	 * read back in the zone it was set in. A module, so that it applies after modules
	 * that turn dates into timestamps (Spring Security's does).
	 */
	private static final class IsoDates extends JacksonModule {

		@Override
		public String getModuleName() {
			return "session-iso-dates";
		}

		@Override
		public Version version() {
			return Version.unknownVersion();
		}

		@Override
		public void setupModule(SetupContext context) {
			MapperBuilder<?, ?> builder = (MapperBuilder<?, ?>) context.getOwner();
			builder.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
				.enable(DateTimeFeature.WRITE_DATES_WITH_ZONE_ID)
				.disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
		}

	}

}
