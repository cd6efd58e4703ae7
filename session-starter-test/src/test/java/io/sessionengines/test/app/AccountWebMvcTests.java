package io.sessionengines.test.app;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static io.sessionengines.test.SessionAssertions.assertThat;
import static io.sessionengines.test.SessionRequestPostProcessors.session;
import static io.sessionengines.test.SessionRequestPostProcessors.sessionOf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A {@code @WebMvcTest} slice with Spring Security: the session filter runs before the
 * security filters, and Spring Security's test support works beside the session's.
 *
 * @author Session Engines contributors
 */
@WebMvcTest(AccountController.class)
class AccountWebMvcTests {

	@Autowired
	private MockMvc mockMvc;

	@Test
	void anonymousRequestIsRefusedWithoutCreatingASession() throws Exception {
		MvcResult result = this.mockMvc.perform(get("/account")).andExpect(status().isUnauthorized()).andReturn();
		assertThat(result).noSessionCreated();
	}

	@Test
	@WithMockUser("ada")
	void signedInRequestWritesTheSession() throws Exception {
		MvcResult first = this.mockMvc.perform(get("/account")).andExpect(content().string("ada 1")).andReturn();
		assertThat(first).hasValue("visits", 1);
		MvcResult second = this.mockMvc.perform(get("/account").with(sessionOf(first)))
			.andExpect(content().string("ada 2"))
			.andReturn();
		assertThat(second).hasValue("visits", 2);
	}

	@Test
	void springSecurityLogoutFlushesTheEngineSession() throws Exception {
		MvcResult result = this.mockMvc.perform(post("/logout").with(user("ada")).with(session(Map.of("visits", 3))))
			.andReturn();
		assertThat(result).isFlushed();
	}

	@Test
	void userPostProcessorAndSessionPostProcessorCombine() throws Exception {
		MvcResult result = this.mockMvc.perform(get("/account").with(user("grace")).with(session(Map.of("visits", 41))))
			.andExpect(content().string("grace 42"))
			.andReturn();
		assertThat(result).hasValue("visits", 42);
	}

}
