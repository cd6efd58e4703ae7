package io.sessionengines.autoconfigure;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches the engine named by {@code session.engine} with the same lenient names that
 * binding accepts; an empty value means the default, {@code db}. An unknown name matches
 * nothing here; binding the properties then fails with the list of valid names.
 *
 * @author Session Engines contributors
 */
class OnSessionEngineCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		List<SessionEngineType> required = List.of(metadata.getAnnotations()
			.get(ConditionalOnSessionEngine.class)
			.getEnumArray("value", SessionEngineType.class));
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnSessionEngine.class,
				required.stream().map(SessionEngineType::getDjangoName).toList());
		String configured = configuredEngine(context.getEnvironment());
		try {
			if (required.contains(SessionEngineType.fromName(configured))) {
				return ConditionOutcome.match(message.foundExactly("session.engine=" + configured));
			}
		}
		catch (IllegalArgumentException ex) {
			return ConditionOutcome.noMatch(message.because("unknown session.engine=" + configured));
		}
		return ConditionOutcome.noMatch(message.because("session.engine=" + configured));
	}

	/**
	 * Return the engine's name as {@code session.engine} gives it.
	 * @param environment the environment
	 * @return the name, the default engine's when none is given
	 */
	static String configuredEngine(Environment environment) {
		String configured = Binder.get(environment).bind("session.engine", String.class).orElse("");
		return StringUtils.hasText(configured) ? configured : SessionEngineType.DB.getDjangoName();
	}

}
