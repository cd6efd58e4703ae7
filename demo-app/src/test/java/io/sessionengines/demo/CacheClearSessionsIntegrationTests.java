package io.sessionengines.demo;

/**
 * Tests for {@link ClearSessionsCommand} with the {@code cache} engine
 * ({@link CacheClearSessionsChecks}, which the reactive demo passes too).
 *
 * @author Session Engines contributors
 */
class CacheClearSessionsIntegrationTests implements CacheClearSessionsChecks {

	@Override
	public Class<?> application() {
		return DemoApplication.class;
	}

}
