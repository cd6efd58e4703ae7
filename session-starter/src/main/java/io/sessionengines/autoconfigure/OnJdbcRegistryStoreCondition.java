package io.sessionengines.autoconfigure;

import io.sessionengines.autoconfigure.SessionEngineProperties.RegistryStoreType;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the session registry's store is the database:
 * {@code session.registry.store} is {@code jdbc}, or {@code auto} with the {@code db} or
 * {@code cached_db} engine (which {@link SessionRegistryStores} then puts in the
 * database, given a {@code DataSource}).
 *
 * @author Session Engines contributors
 */
class OnJdbcRegistryStoreCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("JDBC session registry store");
		RegistryStoreType store = Binder.get(context.getEnvironment())
			.bind("session.registry.store", RegistryStoreType.class)
			.orElse(RegistryStoreType.AUTO);
		if (store == RegistryStoreType.JDBC) {
			return ConditionOutcome.match(message.because("session.registry.store=jdbc"));
		}
		if (store != RegistryStoreType.AUTO) {
			return ConditionOutcome.noMatch(message.because("session.registry.store=" + store));
		}
		String engine = OnSessionEngineCondition.configuredEngine(context.getEnvironment());
		SessionEngineType type;
		try {
			type = SessionEngineType.fromName(engine);
		}
		catch (IllegalArgumentException ex) {
			return ConditionOutcome.noMatch(message.because("unknown session.engine=" + engine));
		}
		if (type == SessionEngineType.DB || type == SessionEngineType.CACHED_DB) {
			return ConditionOutcome.match(message.because("session.registry.store=auto, session.engine=" + engine));
		}
		return ConditionOutcome.noMatch(message.because("session.registry.store=auto, session.engine=" + engine));
	}

}
