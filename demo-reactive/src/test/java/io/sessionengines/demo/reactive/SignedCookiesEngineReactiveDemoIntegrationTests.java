package io.sessionengines.demo.reactive;

import io.sessionengines.demo.SignedCookiesChecks;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/**
 * Reactive demo tests with the {@code signed_cookies} engine: the cookie is the signed
 * session data ({@link SignedCookiesChecks}).
 *
 * @author Session Engines contributors
 */
@TestPropertySource(properties = "session.engine=signed_cookies")
class SignedCookiesEngineReactiveDemoIntegrationTests extends AbstractReactiveDemoIntegrationTests
		implements SignedCookiesChecks {

	@Value("${session.secret-key}")
	private String secretKey;

	@Override
	public String secretKey() {
		return this.secretKey;
	}

}
