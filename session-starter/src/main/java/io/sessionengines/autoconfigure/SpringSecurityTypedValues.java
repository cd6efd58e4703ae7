package io.sessionengines.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.sessionengines.serializer.JsonSessionSerializer;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import tools.jackson.databind.module.SimpleModule;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.security.web.savedrequest.DefaultSavedRequest;
import org.springframework.util.ClassUtils;

/**
 * The JSON serializer with the values Spring Security keeps in a session as typed values:
 * the security context, the saved request, the CSRF token (servlet or reactive) and the
 * last login failure (any {@link AuthenticationException}, kept as its type and message),
 * written and read by Spring Security's own Jackson modules and their allow-list.
 *
 * @author Session Engines contributors
 */
final class SpringSecurityTypedValues {

	private static final String SECURITY_WEB = "org.springframework.security.web.savedrequest.DefaultSavedRequest";

	private SpringSecurityTypedValues() {
	}

	static JsonSessionSerializer serializer(ClassLoader classLoader, TypedValueClasses applicationTypes) {
		BasicPolymorphicTypeValidator.Builder validator = BasicPolymorphicTypeValidator.builder();
		List<JacksonModule> modules = new ArrayList<>(SecurityJacksonModules.getModules(classLoader, validator));
		validator.allowIfSubType(AuthenticationException.class);
		modules.add(new SimpleModule("session-login-failure")
			.setMixInAnnotation(AuthenticationException.class, LoginFailureMixin.class)
			.setMixInAnnotation(BadCredentialsException.class, LoginFailureMixin.class));
		List<Class<?>> types = new ArrayList<>(List.of(SecurityContextImpl.class, AuthenticationException.class));
		if (ClassUtils.isPresent(SECURITY_WEB, classLoader)) {
			types.addAll(WebTypes.add(validator, modules));
		}
		return applicationTypes.serializer(modules, types);
	}

	/**
	 * The web types; Spring Security's modules do not always cover the CSRF tokens of the
	 * servlet and reactive stacks, so both get a mix-in here.
	 */
	private static final class WebTypes {

		static List<Class<?>> add(BasicPolymorphicTypeValidator.Builder validator, List<JacksonModule> modules) {
			validator.allowIfSubType(DefaultCsrfToken.class);
			validator.allowIfSubType(org.springframework.security.web.server.csrf.DefaultCsrfToken.class);
			modules.add(new SimpleModule("session-csrf-token")
				.setMixInAnnotation(DefaultCsrfToken.class, DefaultCsrfTokenMixin.class)
				.setMixInAnnotation(org.springframework.security.web.server.csrf.DefaultCsrfToken.class,
						DefaultCsrfTokenMixin.class));
			return List.of(DefaultSavedRequest.class, DefaultCsrfToken.class,
					org.springframework.security.web.server.csrf.DefaultCsrfToken.class);
		}

	}

	/**
	 * A login failure (Spring Security's last exception) as its views read it: its type
	 * and message, never its stack trace or cause chain, which would make the session
	 * large (too large for a signed cookie) and disclose internals.
	 */
	@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
	@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE, getterVisibility = JsonAutoDetect.Visibility.NONE,
			isGetterVisibility = JsonAutoDetect.Visibility.NONE)
	@JsonIgnoreProperties(ignoreUnknown = true)
	abstract static class LoginFailureMixin {

		@JsonCreator
		LoginFailureMixin(@JsonProperty("message") String message) {
		}

		@JsonProperty("message")
		abstract String getMessage();

	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
	@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
			isGetterVisibility = JsonAutoDetect.Visibility.NONE)
	abstract static class DefaultCsrfTokenMixin {

		@JsonCreator
		DefaultCsrfTokenMixin(@JsonProperty("headerName") String headerName,
				@JsonProperty("parameterName") String parameterName, @JsonProperty("token") String token) {
		}

	}

}
