package io.sessionengines.demo;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security over the engine-backed session, checked on every engine through the
 * demo's JSON login ({@code /api/login}, {@code /api/logout}, {@code /api/me}) and Spring
 * Security's form login ({@code /login}): Django's login rule (reference §4.1): a login
 * keeps the anonymous data under a new key and the old key is dead; a login as another
 * user starts from an empty session; a logout flushes the session and deletes the cookie.
 * Better than Django, a login as the same user changes the key too.
 * <p>
 * Implemented by the servlet and the reactive demo's abstract test classes, so that every
 * engine's test class of both stacks runs these checks; the engine's family says what
 * replaying a replaced cookie does, which differs between the server-side engines
 * ({@link ServerSideChecks}) and {@code signed_cookies} ({@link SignedCookiesChecks}).
 * Every reply is checked for a {@code JSESSIONID} cookie by {@link DemoHttp}.
 *
 * @author Session Engines contributors
 */
public interface LoginChecks extends DemoApiChecks {

	String ALICE = "alice";

	String ALICE_PASSWORD = "wonderland";

	String BOB = "bob";

	String BOB_PASSWORD = "builder";

	Pattern CSRF_INPUT = Pattern.compile("<input[^>]*\\bname=\"_csrf\"[^>]*>");

	Pattern VALUE = Pattern.compile("\\bvalue=\"([^\"]+)\"");

	/**
	 * Assert what a copy of the cookie a login replaced can still do: the
	 * session-fixation defence.
	 * @param replaced the cookie the client sent to the login
	 * @param user who was logged in with it, or {@code null} for an anonymous session
	 */
	void assertReplacedAtLogin(String replaced, @Nullable String user);

	/**
	 * Assert what a copy of a logged-in cookie can still do after the logout.
	 * @param loggedOut the cookie the client sent to the logout
	 * @param user who was logged in with it
	 */
	void assertReplayedAfterLogout(String loggedOut, String user);

	@Test
	default void jsonLoginWithoutASessionStartsOne() {
		String cookie = login(ALICE, ALICE_PASSWORD, null);
		assertLoggedIn(cookie, ALICE);
	}

	@Test
	default void jsonLoginKeepsTheAnonymousDataUnderANewCookie() {
		String anonymous = anonymousSession();
		assertThat(me(anonymous).status()).isEqualTo(401);
		String cookie = login(ALICE, ALICE_PASSWORD, anonymous);
		assertLoggedIn(cookie, ALICE);
		assertThat(entry(cookie, "cart")).isEqualTo(Reply.json("[\"tea\"]"));
		assertReplacedAtLogin(anonymous, null);
		assertLoggedIn(cookie, ALICE);
	}

	@Test
	default void wrongPasswordAnswersUnauthorizedAndLeavesAnAnonymousSessionAlone() {
		String anonymous = anonymousSession();
		assertRefused(ALICE, "not-" + ALICE_PASSWORD, anonymous);
		assertRefused("mallory", ALICE_PASSWORD, anonymous);
		assertThat(me(anonymous).status()).isEqualTo(401);
		assertThat(entry(anonymous, "cart")).isEqualTo(Reply.json("[\"tea\"]"));
		assertThat(login(ALICE, ALICE_PASSWORD, anonymous)).isNotEqualTo(anonymous);
	}

	@Test
	default void wrongPasswordLeavesALoggedInSessionAlone() {
		String cookie = login(ALICE, ALICE_PASSWORD, anonymousSession());
		assertRefused(BOB, "not-" + BOB_PASSWORD, cookie);
		assertRefused(ALICE, "not-" + ALICE_PASSWORD, cookie);
		assertLoggedIn(cookie, ALICE);
		assertThat(entry(cookie, "cart")).isEqualTo(Reply.json("[\"tea\"]"));
	}

	@Test
	default void loginAsAnotherUserStartsFromAnEmptySession() {
		String alices = login(ALICE, ALICE_PASSWORD, anonymousSession());
		alices = write(alices, "[{'op':'set','key':'diary','value':'alice only'}]");
		String bobs = login(BOB, BOB_PASSWORD, alices);
		assertLoggedIn(bobs, BOB);
		assertThat(bobs).isNotEqualTo(alices);
		JsonNode entries = ops("[{'op':'contains','key':'diary'},{'op':'contains','key':'cart'}]", bobs).json();
		assertThat(entries).as("alice's entries in bob's session").isEqualTo(Reply.json("[false,false]"));
		assertReplacedAtLogin(alices, ALICE);
	}

	@Test
	default void loginAgainAsTheSameUserChangesTheCookie() {
		String first = login(ALICE, ALICE_PASSWORD, anonymousSession());
		String second = login(ALICE, ALICE_PASSWORD, first);
		assertThat(second).isNotEqualTo(first);
		assertLoggedIn(second, ALICE);
		assertThat(entry(second, "cart")).isEqualTo(Reply.json("[\"tea\"]"));
		assertReplacedAtLogin(first, ALICE);
	}

	@Test
	default void jsonLogoutFlushesTheSessionAndDeletesTheCookie() {
		String cookie = login(ALICE, ALICE_PASSWORD, anonymousSession());
		Reply logout = http().post("/api/logout", "", cookie);
		assertThat(logout.status()).as(logout.toString()).isEqualTo(204);
		DemoApi.assertDeletionCookie(logout);
		assertReplayedAfterLogout(cookie, ALICE);
	}

	@Test
	default void jsonLogoutWithoutASessionSetsNoCookie() {
		Reply logout = http().post("/api/logout", "", null);
		assertThat(logout.status()).as(logout.toString()).isEqualTo(204);
		assertThat(logout.setCookies()).as(logout.toString()).isEmpty();
	}

	@Test
	default void meWithoutASessionIsUnauthorizedAndSetsNoCookie() {
		Reply me = me(null);
		assertThat(me.status()).as(me.toString()).isEqualTo(401);
		assertThat(me.setCookies()).as(me.toString()).isEmpty();
	}

	@Test
	default void formLoginChangesTheCookieAndLogsIn() {
		String anonymous = anonymousSession();
		String cookie = formLogin(anonymous);
		assertLoggedIn(cookie, ALICE);
		assertThat(entry(cookie, "cart")).isEqualTo(Reply.json("[\"tea\"]"));
		assertReplacedAtLogin(anonymous, null);
	}

	/**
	 * Spring Security records the servlet session's id at each form login
	 * ({@code WebAuthenticationDetails}, kept in the security context, in the session):
	 * that id must not carry the previous session, or each login would nest the previous
	 * cookie in the next one until the cookie is too large for a browser.
	 */
	@Test
	default void formLoginAgainAndAgainKeepsTheCookieFromGrowing() {
		String cookie = formLogin(anonymousSession());
		int firstLength = cookie.length();
		for (int login = 2; login <= 5; login++) {
			cookie = formLogin(cookie);
			assertThat(cookie.length()).as("length of the cookie after form login %d", login)
				.isLessThanOrEqualTo(firstLength + 64);
		}
		assertLoggedIn(cookie, ALICE);
	}

	/**
	 * A login replaces the CSRF token, as Django's {@code login()} rotates it (reference
	 * §4.1) and Spring Security's form login does by default: a token learnt before the
	 * login, for example through a planted session, is refused afterwards.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "json", "form" })
	default void loginReplacesTheCsrfToken(String login) {
		LoginPage before = loginPage(null);
		String cookie = login.equals("json") ? login(ALICE, ALICE_PASSWORD, before.cookie())
				: formLogin(before.cookie());
		Reply withTheOldToken = http().postForm("/logout", DemoHttp.form("_csrf", before.csrfToken()), cookie);
		assertThat(withTheOldToken.status()).as("form logout with the token of before the login: %s", withTheOldToken)
			.isEqualTo(403);
		assertLoggedIn(cookie, ALICE);
		LoginPage after = loginPage(cookie);
		Reply withTheNewToken = http().postForm("/logout", DemoHttp.form("_csrf", after.csrfToken()), after.cookie());
		assertThat(withTheNewToken.status()).as(withTheNewToken.toString()).isEqualTo(302);
		DemoApi.assertDeletionCookie(withTheNewToken);
		assertReplayedAfterLogout(after.cookie(), ALICE);
	}

	@Test
	default void formLoginWithAWrongPasswordRedirectsToTheErrorPageAndDoesNotLogIn() {
		LoginPage page = loginPage(null);
		Reply reply = http().postForm("/login",
				DemoHttp.form("username", ALICE, "password", "not-" + ALICE_PASSWORD, "_csrf", page.csrfToken()),
				page.cookie());
		assertThat(reply.status()).as(reply.toString()).isEqualTo(302);
		assertRedirectsTo(reply, "/login", "error");
		SetCookie resent = reply.sessionCookie();
		String cookie = (resent != null) ? resent.value() : page.cookie();
		assertThat(me(cookie).status()).isEqualTo(401);
		assertThat(http().get("/login?error", cookie).status()).isEqualTo(200);
	}

	@Test
	default void formPostWithoutTheCsrfTokenIsForbidden() {
		LoginPage page = loginPage(anonymousSession());
		Reply withoutToken = http().postForm("/login", DemoHttp.form("username", ALICE, "password", ALICE_PASSWORD),
				page.cookie());
		assertThat(withoutToken.status()).as(withoutToken.toString()).isEqualTo(403);
		assertThat(withoutToken.sessionCookie()).as(withoutToken.toString()).isNull();
		// a token that is valid, but for another session: an attacker's own
		String forged = loginPage(null).csrfToken();
		Reply withAForgedToken = http().postForm("/login",
				DemoHttp.form("username", ALICE, "password", ALICE_PASSWORD, "_csrf", forged), page.cookie());
		assertThat(withAForgedToken.status()).as(withAForgedToken.toString()).isEqualTo(403);
		Reply withoutSession = http().postForm("/login",
				DemoHttp.form("username", ALICE, "password", ALICE_PASSWORD, "_csrf", page.csrfToken()), null);
		assertThat(withoutSession.status()).as(withoutSession.toString()).isEqualTo(403);
		assertThat(me(page.cookie()).status()).isEqualTo(401);
		assertThat(entry(page.cookie(), "cart")).isEqualTo(Reply.json("[\"tea\"]"));
	}

	/**
	 * Start an anonymous session holding {@code cart = ["tea"]}.
	 * @return its cookie
	 */
	default String anonymousSession() {
		Reply reply = ops("[{'op':'set','key':'cart','value':['tea']}]", null);
		String cookie = reply.newSessionCookie();
		assertSessionCookieFormat(cookie);
		return cookie;
	}

	/**
	 * Log in through the JSON API, asserting success.
	 * @param user the user name
	 * @param password the password
	 * @param cookie the session cookie to send, or {@code null}
	 * @return the new session cookie, different from the one sent
	 */
	default String login(String user, String password, @Nullable String cookie) {
		Reply reply = loginRequest(user, password, cookie);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		assertThat(reply.json().get("user").stringValue()).isEqualTo(user);
		String loggedIn = reply.newSessionCookie();
		assertSessionCookieFormat(loggedIn);
		assertThat(loggedIn).as("cookie after the login").isNotEqualTo(cookie);
		return loggedIn;
	}

	default Reply me(@Nullable String cookie) {
		return http().get("/api/me", cookie);
	}

	default void assertLoggedIn(String cookie, String user) {
		Reply me = me(cookie);
		assertThat(me.status()).as(me.toString()).isEqualTo(200);
		assertThat(me.json().get("user").stringValue()).isEqualTo(user);
	}

	/**
	 * Return an entry of a session.
	 * @param cookie the session cookie
	 * @param key the entry's key
	 * @return the entry's value, JSON {@code null} when absent
	 */
	default JsonNode entry(String cookie, String key) {
		Reply reply = ops("[{'op':'get','key':'" + key + "'}]", cookie);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		return reply.json().get(0);
	}

	/**
	 * Run writing operations and return the cookie to use next: the same key on the
	 * server-side engines, a new token on {@code signed_cookies}.
	 */
	private String write(String cookie, String operations) {
		return ops(operations, cookie).newSessionCookie();
	}

	private Reply loginRequest(String user, String password, @Nullable String cookie) {
		return http().post("/api/login", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}", cookie);
	}

	private void assertRefused(String user, String password, String cookie) {
		Reply reply = loginRequest(user, password, cookie);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
		assertThat(reply.sessionCookie()).as("session cookie of a refused login: %s", reply).isNull();
	}

	private LoginPage loginPage(@Nullable String cookie) {
		Reply page = http().get("/login", cookie);
		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		assertThat(page.contentType()).startsWith("text/html");
		Matcher input = CSRF_INPUT.matcher(page.body());
		assertThat(input.find()).as("a _csrf input in %s", page.body()).isTrue();
		assertThat(input.group()).contains("type=\"hidden\"");
		Matcher value = VALUE.matcher(input.group());
		assertThat(value.find()).as("the value of %s", input.group()).isTrue();
		SetCookie set = page.sessionCookie();
		String session = (set != null) ? set.value() : cookie;
		assertThat(session).as("session cookie of the login page: %s", page).isNotNull();
		assertSessionCookieFormat(session);
		return new LoginPage(session, value.group(1));
	}

	/**
	 * Log in as alice through the login form, as a browser does: get the page, then post
	 * the form with its CSRF token.
	 * @param cookie the session cookie to send
	 * @return the new session cookie, different from the one sent
	 */
	private String formLogin(String cookie) {
		LoginPage page = loginPage(cookie);
		Reply reply = http().postForm("/login",
				DemoHttp.form("username", ALICE, "password", ALICE_PASSWORD, "_csrf", page.csrfToken()), page.cookie());
		assertThat(reply.status()).as(reply.toString()).isEqualTo(302);
		assertRedirectsTo(reply, "/", null);
		String loggedIn = reply.newSessionCookie();
		assertSessionCookieFormat(loggedIn);
		assertThat(loggedIn).as("cookie after the form login").isNotEqualTo(page.cookie());
		return loggedIn;
	}

	private static void assertRedirectsTo(Reply reply, String path, @Nullable String query) {
		String location = reply.location();
		assertThat(location).as(reply.toString()).isNotNull();
		URI uri = URI.create(location);
		assertThat(uri.getPath()).as(location).isEqualTo(path);
		assertThat(uri.getQuery()).as(location).isEqualTo(query);
	}

	/**
	 * The login page as a browser gets it.
	 *
	 * @param cookie the session cookie that holds the CSRF token
	 * @param csrfToken the value of the form's hidden {@code _csrf} input
	 */
	record LoginPage(String cookie, String csrfToken) {

	}

}
