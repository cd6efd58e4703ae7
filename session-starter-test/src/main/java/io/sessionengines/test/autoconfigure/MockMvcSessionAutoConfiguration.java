package io.sessionengines.test.autoconfigure;

import io.sessionengines.autoconfigure.SessionEngineAutoConfiguration;
import io.sessionengines.web.SessionMiddleware;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of MockMvc for the session engines:
 * a request built with MockMvc's {@code session(...)} or {@code sessionAttr(...)} fails
 * with an explanation when the session middleware handles it, since the application sees
 * the engine's session and never that {@code MockHttpSession}. Imported by
 * {@code @AutoConfigureMockMvc} and so by {@code @WebMvcTest}.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = SessionEngineAutoConfiguration.class)
@ConditionalOnClass(MockMvcBuilderCustomizer.class)
@ConditionalOnBean(SessionMiddleware.class)
public final class MockMvcSessionAutoConfiguration {

	/**
	 * The customizer runs first, so that its filter is the outermost one and sees the
	 * request as the test built it.
	 * @return the customizer
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	MockMvcBuilderCustomizer mockHttpSessionRejectingCustomizer() {
		return (builder) -> builder.addFilters(new MockHttpSessionRejectingFilter());
	}

}
