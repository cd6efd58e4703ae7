package io.sessionengines.test.app;

import java.util.List;
import java.util.Map;

import io.sessionengines.engine.SessionEngine;
import io.sessionengines.test.InMemorySessionEngine;
import io.sessionengines.test.autoconfigure.InMemorySessionEngineAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static io.sessionengines.test.SessionAssertions.assertThat;
import static io.sessionengines.test.SessionRequestPostProcessors.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A {@code @SpringBootTest} of an application on the {@code db} engine, without a
 * database, runs on the in-memory engine that it imports.
 *
 * @author Session Engines contributors
 */
@SpringBootTest
@ImportAutoConfiguration(InMemorySessionEngineAutoConfiguration.class)
@AutoConfigureMockMvc
class InMemoryEngineSpringBootTests {

	@Autowired
	private MockMvc mockMvc;

	@Autowired
	private SessionEngine engine;

	@Test
	void runsOnTheInMemoryEngine() throws Exception {
		assertThat(this.engine).isInstanceOf(InMemorySessionEngine.class);
		MvcResult result = this.mockMvc
			.perform(post("/cart").param("item", "pear").with(session(Map.of("cart", List.of("apple")))))
			.andReturn();
		assertThat(result).hasValue("cart", List.of("apple", "pear"));
		assertThat(((InMemorySessionEngine) this.engine).size()).isEqualTo(1);
	}

}
