package io.sessionengines.test.app;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

/**
 * A MockMvc without filters has no session middleware, so its requests use a
 * {@code MockHttpSession} as usual.
 *
 * @author Session Engines contributors
 */
@WebMvcTest(CartController.class)
@AutoConfigureMockMvc(addFilters = false)
class FilterlessWebMvcTests {

	@Autowired
	private MockMvc mockMvc;

	@Test
	void mockHttpSessionIsUsedWithoutTheSessionMiddleware() throws Exception {
		MockHttpSession session = new MockHttpSession();
		session.setAttribute("cart", List.of("apple"));
		this.mockMvc.perform(get("/servlet-cart").session(session)).andExpect(content().string("[apple]"));
	}

}
