package io.sessionengines.autoconfigure;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;
import org.springframework.util.ClassUtils;

/**
 * The reflection and resources a native image needs for what the starter looks up at run
 * time: the configuration properties, the schema scripts of the database's tables, the
 * classes it checks for by name, and the typed JSON values it loads by the class name
 * stored in a session and (de)serializes with Jackson ({@code java.time} and Spring
 * Security's). The application's own typed values come from
 * {@link TypedValuesAotProcessor}.
 *
 * @author Session Engines contributors
 */
final class SessionRuntimeHints implements RuntimeHintsRegistrar {

	/**
	 * The {@code java.time} classes of the values a session holds; {@code ZoneRegion} is
	 * the class of a {@code ZoneId} such as {@code Europe/Paris}.
	 */
	private static final List<Class<?>> JAVA_TIME_TYPES = List.of(Instant.class, LocalDate.class, LocalDateTime.class,
			LocalTime.class, OffsetDateTime.class, OffsetTime.class, ZonedDateTime.class, Duration.class, Period.class,
			Year.class, YearMonth.class, MonthDay.class, ZoneOffset.class, DayOfWeek.class, Month.class);

	/**
	 * The scripts that create the tables of the db engine and of the session registry.
	 */
	private static final List<String> SCHEMA_SCRIPTS = List.of("io/sessionengines/engine/db/schema-*.sql",
			"io/sessionengines/registry/schema-registry-*.sql");

	private static final String ZONE_REGION = "java.time.ZoneRegion";

	private static final String SECURITY_JACKSON = "org.springframework.security.jackson.SecurityJacksonModules";

	/**
	 * The classes the starter (and Spring Security's module loader, which it calls)
	 * checks for or loads by name, at run time rather than through a condition.
	 */
	private static final List<String> CLASSES_LOADED_BY_NAME = List.of(SECURITY_JACKSON,
			"org.springframework.security.web.savedrequest.DefaultSavedRequest",
			"org.springframework.jdbc.core.JdbcTemplate", "org.bouncycastle.crypto.generators.Argon2BytesGenerator");

	private static final List<String> SECURITY_JACKSON_MODULES = List.of(
			"org.springframework.security.jackson.CoreJacksonModule",
			"org.springframework.security.web.jackson.WebJacksonModule",
			"org.springframework.security.web.jackson.WebServletJacksonModule",
			"org.springframework.security.web.server.jackson.WebServerJacksonModule");

	private static final List<String> SECURITY_TYPED_VALUES = List.of(
			"org.springframework.security.core.context.SecurityContextImpl",
			"org.springframework.security.authentication.BadCredentialsException",
			"org.springframework.security.web.savedrequest.DefaultSavedRequest",
			"org.springframework.security.web.csrf.DefaultCsrfToken",
			"org.springframework.security.web.server.csrf.DefaultCsrfToken");

	private static final List<Class<?>> SECURITY_MIXINS = List.of(SpringSecurityTypedValues.LoginFailureMixin.class,
			SpringSecurityTypedValues.DefaultCsrfTokenMixin.class);

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		BindableRuntimeHintsRegistrar.forTypes(SessionEngineProperties.class).registerHints(hints, classLoader);
		SCHEMA_SCRIPTS.forEach(hints.resources()::registerPattern);
		BindingReflectionHintsRegistrar binding = new BindingReflectionHintsRegistrar();
		binding.registerReflectionHints(hints.reflection(), JAVA_TIME_TYPES.toArray(Class<?>[]::new));
		hints.reflection().registerType(TypeReference.of(ZONE_REGION));
		present(CLASSES_LOADED_BY_NAME, classLoader).forEach(hints.reflection()::registerType);
		present(SECURITY_JACKSON_MODULES, classLoader)
			.forEach((type) -> hints.reflection().registerType(type, MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS));
		binding.registerReflectionHints(hints.reflection(),
				present(SECURITY_TYPED_VALUES, classLoader).toArray(Class<?>[]::new));
		if (ClassUtils.isPresent(SECURITY_JACKSON, classLoader)) {
			// Jackson reads the annotations of the mix-ins' constructors and methods
			SECURITY_MIXINS.forEach((type) -> hints.reflection()
				.registerType(type, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS,
						MemberCategory.INVOKE_DECLARED_METHODS));
		}
	}

	private static List<Class<?>> present(List<String> names, @Nullable ClassLoader classLoader) {
		return names.stream()
			.filter((name) -> ClassUtils.isPresent(name, classLoader))
			.<Class<?>>map((name) -> ClassUtils.resolveClassName(name, classLoader))
			.toList();
	}

}
