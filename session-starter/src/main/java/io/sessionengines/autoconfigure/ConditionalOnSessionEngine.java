package io.sessionengines.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when {@code session.engine} names one of the given engines ({@code db} when
 * unset).
 *
 * @author Session Engines contributors
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnSessionEngineCondition.class)
@interface ConditionalOnSessionEngine {

	/**
	 * The engines.
	 * @return the engines
	 */
	SessionEngineType[] value();

}
