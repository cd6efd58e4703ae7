package io.sessionengines.demo;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/**
 * Demo API tests with the {@code signed_cookies} engine: the {@link SignedCookiesChecks}
 * that the reactive demo passes too.
 *
 * @author Session Engines contributors
 */
@TestPropertySource(properties = "session.engine=signed_cookies")
class SignedCookiesEngineDemoIntegrationTests extends AbstractDemoHttpIntegrationTests implements SignedCookiesChecks {

	@Value("${session.secret-key}")
	private String secretKey;

	@Override
	public String secretKey() {
		return this.secretKey;
	}

}
