package io.sessionengines.demo;

/**
 * A login on the servlet demo survives a restart ({@link LoginSurvivesRestartChecks}).
 *
 * @author Session Engines contributors
 */
class LoginSurvivesRestartIntegrationTests implements LoginSurvivesRestartChecks {

	@Override
	public Class<?> application() {
		return DemoApplication.class;
	}

}
