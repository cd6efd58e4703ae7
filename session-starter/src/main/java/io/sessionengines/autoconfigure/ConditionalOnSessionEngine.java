package io.sessionengines.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when {@code session.engine} names one of the given engines ({@code db} when
 * unset); an unknown name matches nothing, and binding the properties then fails with the
 * valid names. For beans that belong to some engines only, such as a test's replacement
 * for the engines that store sessions on the server.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnSessionEngineCondition.class)
public @interface ConditionalOnSessionEngine {

	/**
	 * The engines.
	 * @return the engines
	 */
	SessionEngineType[] value();

}
