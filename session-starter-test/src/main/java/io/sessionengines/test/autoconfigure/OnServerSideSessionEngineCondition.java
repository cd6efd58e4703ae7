package io.sessionengines.test.autoconfigure;

import io.sessionengines.autoconfigure.SessionEngineType;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when {@code session.engine} names an engine that stores sessions on the server:
 * any but {@code signed_cookies}. An unknown name matches nothing here; binding the
 * properties then fails with the list of valid names.
 *
 * @author Session Engines contributors
 */
class OnServerSideSessionEngineCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("Server-side session engine");
		String configured = Binder.get(context.getEnvironment()).bind("session.engine", String.class).orElse("");
		if (!StringUtils.hasText(configured)) {
			configured = SessionEngineType.DB.getDjangoName();
		}
		try {
			if (SessionEngineType.fromName(configured) != SessionEngineType.SIGNED_COOKIES) {
				return ConditionOutcome.match(message.found("session.engine").items(configured));
			}
		}
		catch (IllegalArgumentException ex) {
			return ConditionOutcome.noMatch(message.because("unknown session.engine=" + configured));
		}
		return ConditionOutcome.noMatch(message.because("session.engine=" + configured + " stores no session"));
	}

}
