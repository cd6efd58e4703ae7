package io.sessionengines.test.app;

import java.util.List;
import java.util.Map;

import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.cache.CacheSessionEngine;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static io.sessionengines.test.SessionAssertions.assertThat;
import static io.sessionengines.test.SessionRequestPostProcessors.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

/**
 * A {@code @SpringBootTest} with MockMvc runs on the application's own engine, here the
 * {@code cache} engine: the in-memory engine is only for slices.
 *
 * @author Session Engines contributors
 */
@SpringBootTest(properties = "session.engine=cache")
@AutoConfigureMockMvc
class CartSpringBootTests {

	@Autowired
	private MockMvc mockMvc;

	@Autowired
	private SessionEngine engine;

	@Test
	void runsOnTheApplicationsEngine() {
		assertThat(this.engine).isInstanceOf(CacheSessionEngine.class);
	}

	@Test
	void sessionSentAndLeftIsTheApplicationsOwn() throws Exception {
		MvcResult result = this.mockMvc
			.perform(post("/cart").param("item", "pear").with(session(Map.of("cart", List.of("apple")))))
			.andExpect(content().string("[apple, pear]"))
			.andReturn();
		assertThat(result).hasValue("cart", List.of("apple", "pear")).cookieWithinBrowserLimit();
		String key = result.getResponse().getCookie("sessionid").getValue();
		assertThat(this.engine.load(key)).containsEntry("cart", List.of("apple", "pear"));
	}

	@Test
	void loginCyclesTheKey() throws Exception {
		MvcResult result = this.mockMvc
			.perform(post("/login").param("user", "ada").with(session(Map.of("cart", List.of("apple")))))
			.andReturn();
		assertThat(result).keyCycled().hasValue("user", "ada");
	}

	@Test
	void mockHttpSessionFailsLoudly() {
		assertThatIllegalStateException()
			.isThrownBy(() -> this.mockMvc.perform(get("/cart").session(new MockHttpSession())))
			.withMessageContaining("MockHttpSession");
	}

}
