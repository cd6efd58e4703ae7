package io.sessionengines.autoconfigure;

import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.signedcookies.SignedCookieSessionEngine;
import io.sessionengines.serializer.SessionSerializer;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code signed_cookies} engine.
 *
 * @author Session Engines contributors
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSessionEngine(SessionEngineType.SIGNED_COOKIES)
@ConditionalOnMissingBean(SessionEngine.class)
class SignedCookiesSessionEngineConfiguration {

	@Bean
	SignedCookieSessionEngine signedCookieSessionEngine(SessionEngineProperties properties,
			SessionSerializer serializer, SessionExpiry expiry) {
		SessionCodec codec = SessionSigners.codec(properties, serializer, SignedCookieSessionEngine.SALT,
				SessionEngineAutoConfiguration.CLOCK);
		return new SignedCookieSessionEngine(codec, expiry);
	}

}
