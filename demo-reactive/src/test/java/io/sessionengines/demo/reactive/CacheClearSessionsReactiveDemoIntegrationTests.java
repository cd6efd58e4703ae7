package io.sessionengines.demo.reactive;

import io.sessionengines.demo.CacheClearSessionsChecks;
import io.sessionengines.demo.ClearSessionsCommand;

/**
 * Tests for {@link ClearSessionsCommand} with the {@code cache} engine on the reactive
 * demo ({@link CacheClearSessionsChecks}): in memory and on Redis, there is nothing to
 * purge.
 *
 * @author Session Engines contributors
 */
class CacheClearSessionsReactiveDemoIntegrationTests implements CacheClearSessionsChecks {

	@Override
	public Class<?> application() {
		return ReactiveDemoApplication.class;
	}

}
