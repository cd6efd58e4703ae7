package io.sessionengines.test.app;

import java.util.List;
import java.util.Map;

import io.sessionengines.engine.SessionEngine;
import io.sessionengines.test.InMemorySessionEngine;
import io.sessionengines.web.servlet.SessionMiddlewareFilter;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static io.sessionengines.test.SessionAssertions.assertThat;
import static io.sessionengines.test.SessionRequestPostProcessors.session;
import static io.sessionengines.test.SessionRequestPostProcessors.sessionOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

/**
 * A {@code @WebMvcTest} slice gets the session filter, with an in-memory engine in place
 * of the application's {@code db} engine, which needs a database the slice does not
 * start.
 *
 * @author Session Engines contributors
 */
@WebMvcTest(CartController.class)
class CartWebMvcTests {

	@Autowired
	private MockMvc mockMvc;

	@Autowired
	private InMemorySessionEngine engine;

	@Autowired
	private ApplicationContext context;

	@BeforeEach
	void clearSessions() {
		this.engine.clear();
	}

	@Test
	void sliceRegistersTheSessionFilterOnTheInMemoryEngine() {
		assertThat(this.context.getBeansOfType(FilterRegistrationBean.class).values())
			.anyMatch((registration) -> registration.getFilter() instanceof SessionMiddlewareFilter);
		assertThat(this.context.getBeansOfType(SessionEngine.class)).containsOnlyKeys("inMemorySessionEngine");
	}

	@Test
	void requestSeesTheSessionItWasSentWith() throws Exception {
		this.mockMvc.perform(get("/cart").with(session(Map.of("cart", List.of("apple")))))
			.andExpect(content().string("[apple]"));
	}

	@Test
	void requestSeesTheSessionASetUpCallbackMade() throws Exception {
		this.mockMvc.perform(get("/cart").with(session((session) -> {
			session.set("cart", List.of("pear"));
			session.setExpiry(60);
		}))).andExpect(content().string("[pear]"));
	}

	@Test
	void servletApiSeesTheSessionItWasSentWith() throws Exception {
		this.mockMvc.perform(get("/servlet-cart").with(session(Map.of("cart", List.of("fig")))))
			.andExpect(content().string("[fig]"));
	}

	@Test
	void sessionWrittenByARequestIsStoredInTheEngine() throws Exception {
		MvcResult result = this.mockMvc.perform(post("/cart").param("item", "apple")).andReturn();
		assertThat(result).hasValue("cart", List.of("apple")).cookieWithinBrowserLimit();
		assertThat(this.engine.getSessionKeys()).hasSize(1);
	}

	@Test
	void nextRequestCarriesTheSessionThePreviousOneLeft() throws Exception {
		MvcResult first = this.mockMvc.perform(post("/cart").param("item", "apple")).andReturn();
		MvcResult second = this.mockMvc.perform(post("/cart").param("item", "pear").with(sessionOf(first))).andReturn();
		assertThat(second).hasValue("cart", List.of("apple", "pear"));
		MvcResult third = this.mockMvc.perform(get("/cart").with(sessionOf(second)))
			.andExpect(content().string("[apple, pear]"))
			.andReturn();
		assertThat(third).hasValue("cart", List.of("apple", "pear"));
	}

	@Test
	void nextRequestAfterAFlushCarriesNoSession() throws Exception {
		MvcResult flushed = this.mockMvc.perform(post("/flush").with(session(Map.of("cart", List.of("apple")))))
			.andReturn();
		MvcResult next = this.mockMvc.perform(get("/cart").with(sessionOf(flushed)))
			.andExpect(content().string("[]"))
			.andReturn();
		assertThat(next.getRequest().getCookies()).isNull();
	}

	@Test
	void sessionCookieReplacesTheRequestsOwnAndKeepsItsOtherCookies() throws Exception {
		MvcResult result = this.mockMvc
			.perform(get("/cart").cookie(new Cookie("sessionid", "stale"), new Cookie("theme", "dark"))
				.with(session(Map.of("cart", List.of("apple")))))
			.andExpect(content().string("[apple]"))
			.andReturn();
		assertThat(result.getRequest().getCookies()).extracting(Cookie::getName)
			.containsExactlyInAnyOrder("sessionid", "theme");
	}

	@Test
	void loginCyclesTheKey() throws Exception {
		MvcResult result = this.mockMvc
			.perform(post("/login").param("user", "ada").with(session(Map.of("cart", List.of("apple")))))
			.andReturn();
		assertThat(result).keyCycled().hasValue("user", "ada").hasValue("cart", List.of("apple"));
	}

	@Test
	void flushDeletesTheSession() throws Exception {
		MvcResult result = this.mockMvc.perform(post("/flush").with(session(Map.of("user", "ada")))).andReturn();
		assertThat(result).isFlushed().doesNotContainKey("user");
		assertThat(this.engine.size()).isZero();
	}

	@Test
	void requestThatDoesNotTouchTheSessionCreatesNone() throws Exception {
		MvcResult result = this.mockMvc.perform(get("/hello")).andReturn();
		assertThat(result).noSessionCreated();
		assertThat(this.engine.size()).isZero();
	}

	@Test
	void mockHttpSessionFailsLoudly() {
		MockHttpSession mockSession = new MockHttpSession();
		mockSession.setAttribute("cart", List.of("apple"));
		assertThatIllegalStateException()
			.isThrownBy(() -> this.mockMvc.perform(get("/servlet-cart").session(mockSession)))
			.withMessageContaining("MockHttpSession")
			.withMessageContaining("SessionRequestPostProcessors.session(...)");
	}

	@Test
	void sessionAttrFailsLoudly() {
		assertThatIllegalStateException()
			.isThrownBy(() -> this.mockMvc.perform(get("/cart").sessionAttr("cart", List.of("apple"))))
			.withMessageContaining("MockHttpSession");
	}

}
