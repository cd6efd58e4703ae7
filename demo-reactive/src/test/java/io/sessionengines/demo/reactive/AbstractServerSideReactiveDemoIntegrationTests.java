package io.sessionengines.demo.reactive;

import java.util.Map;

import io.sessionengines.demo.ServerSideChecks;
import io.sessionengines.engine.SessionEngine;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reactive demo's tests for the engines that keep sessions on the server ({@code db},
 * {@code file}, {@code cache}, {@code cached_db}): the {@link ServerSideChecks}, with the
 * store read through the application's engine, which holds the session data whatever the
 * backend.
 *
 * @author Session Engines contributors
 */
abstract class AbstractServerSideReactiveDemoIntegrationTests extends AbstractReactiveDemoIntegrationTests
		implements ServerSideChecks {

	@Autowired
	private SessionEngine engine;

	@Override
	public JsonNode assertStored(String key) {
		Map<String, @Nullable Object> data = this.engine.load(key);
		assertThat(data).as("session stored under %s", key).isNotNull();
		return JsonMapper.shared().valueToTree(data);
	}

	@Override
	public void assertNotStored(String key) {
		assertThat(this.engine.load(key)).as("session stored under %s", key).isNull();
	}

}
