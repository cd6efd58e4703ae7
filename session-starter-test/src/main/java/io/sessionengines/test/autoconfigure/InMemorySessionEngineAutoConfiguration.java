package io.sessionengines.test.autoconfigure;

import io.sessionengines.autoconfigure.ConditionalOnSessionEngine;
import io.sessionengines.autoconfigure.SessionEngineAutoConfiguration;
import io.sessionengines.autoconfigure.SessionEngineType;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.serializer.SessionSerializer;
import io.sessionengines.test.InMemorySessionEngine;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of an {@link InMemorySessionEngine}
 * in place of a session engine that needs a store a test slice does not start: the
 * {@code db} and {@code cached_db} engines' database, the {@code cache} engine's Redis. A
 * {@code @WebMvcTest} imports it, so that the slice's requests have sessions whatever
 * {@code session.engine} the application uses. The {@code signed_cookies} engine, which
 * stores nothing, is kept.
 * <p>
 * Backs off when the test defines a {@link SessionEngine} bean.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
@AutoConfiguration(before = SessionEngineAutoConfiguration.class)
@ConditionalOnMissingBean(SessionEngine.class)
@ConditionalOnSessionEngine({ SessionEngineType.DB, SessionEngineType.CACHED_DB, SessionEngineType.CACHE,
		SessionEngineType.FILE })
public final class InMemorySessionEngineAutoConfiguration {

	@Bean
	InMemorySessionEngine inMemorySessionEngine(SessionSerializer serializer, SessionExpiry expiry) {
		return new InMemorySessionEngine(serializer, expiry);
	}

}
