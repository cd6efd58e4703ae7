package io.sessionengines.test;

import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Entry point for AssertJ assertions on the session a MockMvc request left behind.
 *
 * <pre class="code">
 * MvcResult result = mockMvc.perform(post("/login").with(session(Map.of("cart", 42)))).andReturn();
 * SessionAssertions.assertThat(result).keyCycled().hasValue("cart", 42).cookieWithinBrowserLimit();
 * </pre>
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public final class SessionAssertions {

	private SessionAssertions() {
	}

	/**
	 * Create assertions on the session a request left.
	 * @param result the request's result
	 * @return the assertions
	 */
	public static SessionResultAssert assertThat(MvcResult result) {
		return new SessionResultAssert(result);
	}

	/**
	 * Create assertions on the session a request of a {@code MockMvcTester} left.
	 * @param result the request's result
	 * @return the assertions
	 */
	public static SessionResultAssert assertThat(MvcTestResult result) {
		return new SessionResultAssert(result.getMvcResult());
	}

}
