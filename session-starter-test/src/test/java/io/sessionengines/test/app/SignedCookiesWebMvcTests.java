package io.sessionengines.test.app;

import java.util.Map;
import java.util.Random;

import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.signedcookies.SignedCookieSessionEngine;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static io.sessionengines.test.SessionAssertions.assertThat;
import static io.sessionengines.test.SessionRequestPostProcessors.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A {@code @WebMvcTest} slice keeps the {@code signed_cookies} engine, which needs no
 * store, so that the size of its cookies can be tested.
 *
 * @author Session Engines contributors
 */
@WebMvcTest(value = CartController.class, properties = "session.engine=signed_cookies")
class SignedCookiesWebMvcTests {

	@Autowired
	private MockMvc mockMvc;

	@Autowired
	private SessionEngine engine;

	@Test
	void sliceKeepsTheSignedCookiesEngine() {
		assertThat(this.engine).isInstanceOf(SignedCookieSessionEngine.class);
	}

	@Test
	void noteIsKeptInTheCookie() throws Exception {
		MvcResult result = this.mockMvc.perform(post("/note").param("text", "hi")).andReturn();
		assertThat(result).hasValue("note", "hi").cookieWithinBrowserLimit().cookieWithin(200);
	}

	@Test
	void loginCyclesTheSignedCookie() throws Exception {
		MvcResult result = this.mockMvc.perform(post("/login").param("user", "ada").with(session(Map.of("n", 1))))
			.andReturn();
		assertThat(result).keyCycled().hasValue("user", "ada");
	}

	@Test
	void noteTooLargeForACookieSetsNone() throws Exception {
		// within the data's bound, but too large for a cookie once signed and encoded
		MvcResult result = this.mockMvc.perform(post("/note").param("text", incompressibleText(4000)))
			.andExpect(status().isInternalServerError())
			.andExpect(content().string(containsString("over the 4096-byte limit browsers accept")))
			.andReturn();
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(result).cookieWithinBrowserLimit())
			.withMessage("Expected the response to set the session cookie 'sessionid', but it set none (status 500)");
	}

	private static String incompressibleText(int length) {
		Random random = new Random(42);
		StringBuilder text = new StringBuilder(length);
		while (text.length() < length) {
			char next = (char) ('!' + random.nextInt(94));
			// characters that JSON stores as themselves
			if (next != '"' && next != '\\') {
				text.append(next);
			}
		}
		return text.toString();
	}

}
