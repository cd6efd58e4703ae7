package io.sessionengines.test.app;

import java.util.List;
import java.util.Map;

import io.sessionengines.session.Session;
import io.sessionengines.session.SessionFactory;
import io.sessionengines.test.InMemorySessionEngine;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import static io.sessionengines.test.SessionAssertions.assertThat;
import static io.sessionengines.test.SessionRequestPostProcessors.session;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Tests for {@link io.sessionengines.test.SessionResultAssert}: each assertion passes on
 * a request that meets it and fails, saying why, on one that does not.
 *
 * @author Session Engines contributors
 */
@WebMvcTest(CartController.class)
@Import(SessionResultAssertTests.BrokenSessionController.class)
class SessionResultAssertTests {

	@Autowired
	private MockMvc mockMvc;

	@Autowired
	private MockMvcTester mockMvcTester;

	@Autowired
	private InMemorySessionEngine engine;

	@BeforeEach
	void clearSessions() {
		this.engine.clear();
	}

	@Test
	void hasValuePassesOnAStoredValue() throws Exception {
		assertThat(perform(post("/note").param("text", "hi"))).hasValue("note", "hi");
	}

	@Test
	void hasValueFailsOnAnotherValue() throws Exception {
		MvcResult result = perform(post("/note").param("text", "hi"));
		assertThatAssertionError(() -> assertThat(result).hasValue("note", "bye"))
			.withMessage("Expected the session to hold note=bye, but it holds note=hi");
	}

	@Test
	void hasValueFailsOnAValueOfAnotherType() throws Exception {
		MvcResult result = perform(post("/account-free").with(session(Map.of("visits", 1))));
		assertThatAssertionError(() -> assertThat(result).hasValue("visits", 1L)).withMessage(
				"Expected the session to hold visits=1 (java.lang.Long), but it holds visits=1 (java.lang.Integer)");
	}

	@Test
	void hasValueFailsOnAMissingKey() throws Exception {
		MvcResult result = perform(post("/note").param("text", "hi"));
		assertThatAssertionError(() -> assertThat(result).hasValue("cart", List.of()))
			.withMessage("Expected the session to hold cart=[], but it has no 'cart' (it holds {note=hi})");
	}

	@Test
	void hasValueFailsWithoutASession() throws Exception {
		MvcResult result = perform(get("/hello"));
		assertThatAssertionError(() -> assertThat(result).hasValue("note", "hi"))
			.withMessage("Expected the session to hold note=hi, but there is no session: neither the "
					+ "request nor the response carries the session cookie 'sessionid'");
	}

	@Test
	void hasValueFailsOnADeletedCookie() throws Exception {
		MvcResult result = perform(post("/flush").with(session(Map.of("note", "hi"))));
		assertThatAssertionError(() -> assertThat(result).hasValue("note", "hi"))
			.withMessage("Expected the session to hold note=hi, but there is no session: the response "
					+ "deleted the session cookie 'sessionid'");
	}

	@Test
	void hasValueFailsOnAKeyThatNamesNoLiveSession() throws Exception {
		MvcResult result = perform(get("/hello").with(session(Map.of("note", "hi"))));
		String key = result.getRequest().getCookies()[0].getValue();
		this.engine.clear();
		assertThatAssertionError(() -> assertThat(result).hasValue("note", "hi"))
			.withMessage("Expected the session to hold note=hi, but its key " + key + " names no live session");
	}

	@Test
	void doesNotContainKeyPassesOnAMissingKeyAndWithoutASession() throws Exception {
		assertThat(perform(post("/note").param("text", "hi"))).doesNotContainKey("cart");
		assertThat(perform(get("/hello"))).doesNotContainKey("cart");
	}

	@Test
	void doesNotContainKeyFailsOnAStoredKey() throws Exception {
		MvcResult result = perform(post("/note").param("text", "hi"));
		assertThatAssertionError(() -> assertThat(result).doesNotContainKey("note"))
			.withMessage("Expected the session not to hold 'note', but it holds note=hi");
	}

	@Test
	void dataGivesMapAssertionsOnTheSession() throws Exception {
		MvcResult result = perform(post("/note").param("text", "hi").with(session(Map.of("cart", List.of("fig")))));
		assertThat(result).data().containsOnlyKeys("cart", "note").containsEntry("note", "hi");
		assertThatAssertionError(() -> assertThat(result).data().containsKey("user"))
			.withMessageContaining("to contain key");
	}

	@Test
	void dataFailsWithoutASession() throws Exception {
		MvcResult result = perform(get("/hello"));
		assertThatAssertionError(() -> assertThat(result).data())
			.withMessage("Expected the session to exist, but there is no session: neither the request nor the "
					+ "response carries the session cookie 'sessionid'");
	}

	@Test
	void noSessionCreatedPassesWhenTheSessionIsUntouchedOrOnlyRead() throws Exception {
		assertThat(perform(get("/hello"))).noSessionCreated();
		assertThat(perform(get("/cart"))).noSessionCreated();
		assertThat(perform(get("/cart").with(session(Map.of("cart", List.of("fig")))))).noSessionCreated();
	}

	@Test
	void noSessionCreatedFailsWhenTheResponseSetsASessionCookie() throws Exception {
		MvcResult result = perform(post("/note").param("text", "hi"));
		assertThatAssertionError(() -> assertThat(result).noSessionCreated())
			.withMessage("Expected no session to be created, but the response set the session cookie 'sessionid' "
					+ "for a session holding [note]");
	}

	@Test
	void keyCycledPassesOnALogin() throws Exception {
		assertThat(perform(post("/login").param("user", "ada").with(session(Map.of("cart", List.of("fig"))))))
			.keyCycled();
	}

	@Test
	void keyCycledFailsWithoutASessionCookieInTheRequest() throws Exception {
		MvcResult result = perform(post("/login").param("user", "ada"));
		assertThatAssertionError(() -> assertThat(result).keyCycled()).withMessage(
				"Expected the session key to be cycled, but the request carried no session cookie " + "'sessionid'");
	}

	@Test
	void keyCycledFailsWithoutASessionCookieInTheResponse() throws Exception {
		MvcResult result = perform(get("/cart").with(session(Map.of("cart", List.of("fig")))));
		assertThatAssertionError(() -> assertThat(result).keyCycled())
			.withMessage("Expected the session key to be cycled, but the response set no session cookie "
					+ "'sessionid' (status 200)");
	}

	@Test
	void keyCycledFailsOnADeletedSessionCookie() throws Exception {
		MvcResult result = perform(post("/flush").with(session(Map.of("cart", List.of("fig")))));
		assertThatAssertionError(() -> assertThat(result).keyCycled())
			.withMessage("Expected the session key to be cycled, but the response deleted the session cookie "
					+ "'sessionid' (status 200)");
	}

	@Test
	void keyCycledFailsWhenTheKeyIsKept() throws Exception {
		MvcResult result = perform(post("/note").param("text", "hi").with(session(Map.of("cart", List.of("fig")))));
		String key = result.getRequest().getCookies()[0].getValue();
		assertThatAssertionError(() -> assertThat(result).keyCycled())
			.withMessage("Expected the session key to be cycled, but the response kept the key " + key);
	}

	@Test
	void keyCycledFailsWhenTheOldSessionLivesOn() throws Exception {
		MvcResult result = perform(post("/copy-session").with(session(Map.of("cart", List.of("fig")))));
		String key = result.getRequest().getCookies()[0].getValue();
		assertThatAssertionError(() -> assertThat(result).keyCycled()).withMessage(
				"Expected the session key to be cycled, but the old key " + key + " still names a live session");
	}

	@Test
	void isFlushedPassesOnALogout() throws Exception {
		assertThat(perform(post("/flush").with(session(Map.of("user", "ada"))))).isFlushed();
	}

	@Test
	void isFlushedFailsWithoutASessionCookieInTheRequest() throws Exception {
		MvcResult result = perform(post("/flush"));
		assertThatAssertionError(() -> assertThat(result).isFlushed())
			.withMessage("Expected the session to be flushed, but the request carried no session cookie 'sessionid'");
	}

	@Test
	void isFlushedFailsWhenTheCookieIsKept() throws Exception {
		MvcResult result = perform(get("/cart").with(session(Map.of("user", "ada"))));
		assertThatAssertionError(() -> assertThat(result).isFlushed())
			.withMessage("Expected the session to be flushed, but the response did not delete the session cookie "
					+ "'sessionid'");
	}

	@Test
	void isFlushedFailsWhenTheCookieIsSetAgain() throws Exception {
		MvcResult result = perform(post("/note").param("text", "hi").with(session(Map.of("user", "ada"))));
		assertThatAssertionError(() -> assertThat(result).isFlushed())
			.withMessage("Expected the session to be flushed, but the response set the session cookie 'sessionid' "
					+ "to a new value");
	}

	@Test
	void isFlushedFailsWhenTheSessionLivesOn() throws Exception {
		MvcResult result = perform(post("/forget-cookie").with(session(Map.of("user", "ada"))));
		String key = result.getRequest().getCookies()[0].getValue();
		assertThatAssertionError(() -> assertThat(result).isFlushed())
			.withMessage("Expected the session to be flushed, but its key " + key + " still names a live session");
	}

	@Test
	void cookieWithinPassesOnASmallEnoughCookie() throws Exception {
		MvcResult result = perform(post("/note").param("text", "hi"));
		// "sessionid" and a 32-character key
		assertThat(result).cookieWithin(41).cookieWithinBrowserLimit();
	}

	@Test
	void cookieWithinFailsOnALargerCookie() throws Exception {
		MvcResult result = perform(post("/note").param("text", "hi"));
		assertThatAssertionError(() -> assertThat(result).cookieWithin(40)).withMessage(
				"Expected the session cookie 'sessionid' to be at most 40 bytes (name and value), but it is 41 bytes");
	}

	@Test
	void cookieWithinFailsWithoutACookie() throws Exception {
		MvcResult result = perform(get("/hello"));
		assertThatAssertionError(() -> assertThat(result).cookieWithin(4096))
			.withMessage("Expected the response to set the session cookie 'sessionid', but it set none (status 200)");
	}

	@Test
	void cookieWithinFailsOnADeletedCookie() throws Exception {
		MvcResult result = perform(post("/flush").with(session(Map.of("user", "ada"))));
		assertThatAssertionError(() -> assertThat(result).cookieWithin(4096))
			.withMessage("Expected the response to set the session cookie 'sessionid', but it deleted it (status 200)");
	}

	@Test
	void cookieWithinBrowserLimitFailsOnAnOversizedCookie() throws Exception {
		MvcResult result = perform(post("/oversized-cookie"));
		assertThatAssertionError(() -> assertThat(result).cookieWithinBrowserLimit())
			.withMessage("Expected the session cookie 'sessionid' to be at most 4096 bytes (name and value), but "
					+ "it is 4097 bytes");
	}

	@Test
	void assertionsTakeAMockMvcTesterResult() {
		assertThat(this.mockMvcTester.post().uri("/note").param("text", "hi").exchange()).hasValue("note", "hi");
	}

	private MvcResult perform(MockHttpServletRequestBuilder request) throws Exception {
		return this.mockMvc.perform(request).andReturn();
	}

	private static org.assertj.core.api.ThrowableAssertAlternative<AssertionError> assertThatAssertionError(
			org.assertj.core.api.ThrowableAssert.ThrowingCallable assertion) {
		return assertThatExceptionOfType(AssertionError.class).isThrownBy(assertion);
	}

	/**
	 * Handles the session wrongly, in the ways the assertions must catch.
	 */
	@RestController
	static class BrokenSessionController {

		private final SessionFactory sessions;

		BrokenSessionController(SessionFactory sessions) {
			this.sessions = sessions;
		}

		@PostMapping("/account-free")
		String accountFree() {
			return "";
		}

		/**
		 * Sends a new key for a copy of the session and leaves the old session alive.
		 */
		@PostMapping("/copy-session")
		void copySession(Session session, HttpServletResponse response) {
			Session copy = this.sessions.open(null);
			copy.update(session.items());
			copy.save();
			response.addHeader("Set-Cookie", "sessionid=" + copy.getSessionKey() + "; Path=/");
		}

		/**
		 * Deletes the cookie and leaves the session alive.
		 */
		@PostMapping("/forget-cookie")
		void forgetCookie(HttpServletResponse response) {
			response.addHeader("Set-Cookie", "sessionid=; Max-Age=0; Path=/");
		}

		@PostMapping("/oversized-cookie")
		void oversizedCookie(HttpServletResponse response) {
			response.addHeader("Set-Cookie", "sessionid=" + "x".repeat(4096 - "sessionid".length() + 1) + "; Path=/");
		}

	}

}
