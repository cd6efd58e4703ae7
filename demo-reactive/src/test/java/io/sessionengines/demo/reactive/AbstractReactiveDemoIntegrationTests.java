package io.sessionengines.demo.reactive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.sessionengines.demo.DemoHttp;
import io.sessionengines.demo.Reply;
import io.sessionengines.demo.SetCookie;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Black-box HTTP tests of the reactive demo: the demo API of {@code demo-api.md} over a
 * real Netty server, run by a subclass per engine and backend. They expect what the
 * servlet demo's tests expect of the same requests: Django's cookies and results.
 * <p>
 * Cookies are handled by hand: each request carries exactly the session cookie a test
 * gives it, and each {@code Set-Cookie} header is parsed and asserted as sent. BlockHound
 * watches the server's non-blocking threads throughout; after each test no blocking call
 * may have been seen on one.
 *
 * @author Session Engines contributors
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
abstract class AbstractReactiveDemoIntegrationTests {

	static final long DEFAULT_COOKIE_AGE = 1209600;

	static final String ALICE = "alice";

	static final String ALICE_PASSWORD = "wonderland";

	static final String BOB = "bob";

	static final String BOB_PASSWORD = "builder";

	private static final Pattern CSRF_INPUT = Pattern.compile(
			"<input[^>]*\\bname=\"_csrf\"[^>]*\\bvalue=\"([^\"]+)\"|<input[^>]*\\bvalue=\"([^\"]+)\"[^>]*\\bname=\"_csrf\"");

	@LocalServerPort
	private int port;

	private DemoHttp http;

	@BeforeAll
	static void installBlockHound() {
		BlockingCalls.install();
	}

	@BeforeEach
	void createClient() {
		this.http = new DemoHttp(this.port);
	}

	@AfterEach
	void nothingBlockedANonBlockingThread() {
		assertThat(BlockingCalls.drain()).as("blocking calls on non-blocking threads").isEmpty();
	}

	/**
	 * Assert that a session cookie value has the engine's format.
	 * @param value the value of a session cookie the server set
	 */
	abstract void assertSessionCookieFormat(String value);

	/**
	 * Assert what a copy of the cookie a login replaced can still do.
	 * @param replaced the cookie the client sent to the login
	 * @param user who was logged in with it, or {@code null} for an anonymous session
	 */
	abstract void assertReplacedAtLogin(String replaced, @Nullable String user);

	/**
	 * Assert what a copy of a logged-in cookie can still do after the logout.
	 * @param loggedOut the cookie the client sent to the logout
	 */
	abstract void assertReplayedAfterLogout(String loggedOut);

	@Test
	void helloSetsNoCookieAndNoVaryAndCostsTheEngineNothing() {
		Reply reply = get("/api/hello", null);
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.body()).isEqualTo("ok");
		assertThat(reply.contentType()).startsWith("text/plain");
		assertThat(reply.setCookies()).isEmpty();
		assertThat(reply.variesOnCookie()).isFalse();
		String cookie = newSession();
		assertThat(engineOperationsOf(() -> get("/api/hello", cookie))).as("hello with a cookie").isZero();
		Reply withCookie = get("/api/hello", cookie);
		assertThat(withCookie.setCookies()).isEmpty();
		assertThat(withCookie.variesOnCookie()).isFalse();
	}

	/**
	 * What each request costs the engine, as the {@code session.engine.operations} timer
	 * counts it: one load for a read; a load and a save for a write; one save for a new
	 * session; a load and a delete for a logout.
	 */
	@Test
	void eachRequestCostsTheEngineOnlyWhatItUses() {
		String cookie = newSession();
		assertThat(engineOperationsOf(() -> get("/api/peek", cookie))).as("peek").isOne();
		assertThat(engineOperationsOf(() -> get("/api/visits", cookie))).as("visits").isEqualTo(2);
		assertThat(engineOperationsOf(() -> get("/api/visits", null))).as("a new session").isOne();
		String loggedIn = login(ALICE, ALICE_PASSWORD, null);
		assertThat(engineOperationsOf(() -> post("/api/logout", "", loggedIn))).as("logout").isEqualTo(2);
	}

	@Test
	void visitsAreCountedInACookieWithDjangosAttributes() {
		Instant before = Instant.now();
		Reply first = get("/api/visits", null);
		assertThat(first.body()).isEqualTo("1");
		assertThat(first.contentType()).startsWith("text/plain");
		assertThat(first.variesOnCookie()).isTrue();
		SetCookie cookie = first.sessionCookie();
		assertThat(cookie).as(first.toString()).isNotNull();
		assertSessionCookieFormat(cookie.value());
		assertThat(cookie.has("HttpOnly")).as(cookie.header()).isTrue();
		assertThat(cookie.attribute("SameSite")).as(cookie.header()).isEqualTo("Lax");
		assertThat(cookie.attribute("Path")).as(cookie.header()).isEqualTo("/");
		assertThat(cookie.maxAge()).as(cookie.header()).isEqualTo(DEFAULT_COOKIE_AGE);
		assertThat(cookie.expires()).as(cookie.header())
			.isBetween(before.plusSeconds(DEFAULT_COOKIE_AGE - 2).truncatedTo(ChronoUnit.SECONDS),
					Instant.now().plusSeconds(DEFAULT_COOKIE_AGE + 2));
		assertThat(cookie.has("Secure")).as(cookie.header()).isFalse();
		assertThat(cookie.has("Domain")).as(cookie.header()).isFalse();
		Reply second = get("/api/visits", first.newSessionCookie());
		assertThat(second.body()).isEqualTo("2");
		Reply third = get("/api/visits", second.newSessionCookie());
		assertThat(third.body()).isEqualTo("3");
		assertThat(get("/api/peek", third.newSessionCookie()).body()).isEqualTo("3");
	}

	@Test
	void peekReadsTheCountWithoutSaving() {
		String cookie = get("/api/visits", newSession()).newSessionCookie();
		Reply reply = get("/api/peek", cookie);
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.body()).isEqualTo("2");
		assertThat(reply.contentType()).startsWith("text/plain");
		assertThat(reply.setCookies()).isEmpty();
		assertThat(reply.variesOnCookie()).isTrue();
		Reply withoutCookie = get("/api/peek", null);
		assertThat(withoutCookie.body()).isEqualTo("0");
		assertThat(withoutCookie.setCookies()).isEmpty();
	}

	@Test
	void sessionShowsEveryEntry() {
		String cookie = ops("[{'op':'set','key':'a','value':'b'},{'op':'expiry','value':300}]", null)
			.newSessionCookie();
		Reply reply = get("/api/session", cookie);
		assertThat(reply.contentType()).startsWith("application/json");
		assertThat(reply.json()).isEqualTo(Reply.json("{\"a\":\"b\",\"_session_expiry\":300}"));
		assertThat(get("/api/session", null).json()).isEqualTo(Reply.json("{}"));
	}

	@Test
	void settingsNameTheEngineAndTheCookie() {
		Reply reply = get("/api/settings", null);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		assertThat(reply.json().get("engine").stringValue()).isIn("db", "file", "cache", "cached_db", "signed_cookies");
		assertThat(reply.json().get("cookie").get("name").stringValue()).isEqualTo(DemoHttp.COOKIE_NAME);
		assertThat(reply.json().get("cookie").get("maxAge").longValue()).isEqualTo(DEFAULT_COOKIE_AGE);
		assertThat(reply.setCookies()).isEmpty();
	}

	@Test
	void setThenPopInOneRequestSendsNoCookie() {
		Reply reply = ops("[{'op':'set','key':'a','value':1},{'op':'pop','key':'a'}]", null);
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json()).isEqualTo(Reply.json("[null,1]"));
		assertThat(reply.setCookies()).isEmpty();
		assertThat(reply.variesOnCookie()).isTrue();
	}

	@Test
	void operationsHaveDjangoResults() {
		Reply reply = ops("""
				[{'op':'set','key':'a','value':{'x':[1,2.5,'y',null,true]}},
				 {'op':'get','key':'a'},
				 {'op':'get','key':'missing'},
				 {'op':'setdefault','key':'a','value':5},
				 {'op':'setdefault','key':'b','value':'x'},
				 {'op':'contains','key':'b'},
				 {'op':'contains','key':'missing'},
				 {'op':'keys'},
				 {'op':'pop','key':'b'},
				 {'op':'pop','key':'b'},
				 {'op':'contains','key':'b'},
				 {'op':'set-test-cookie'},
				 {'op':'test-cookie-worked'},
				 {'op':'modified'}]""", null);
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.contentType()).startsWith("application/json");
		assertThat(reply.json()).isEqualTo(Reply.json(quotes("""
				[null, {'x':[1,2.5,'y',null,true]}, null, {'x':[1,2.5,'y',null,true]}, 'x', true, false,
				 ['a','b'], 'x', null, false, null, true, null]""")));
		String cookie = reply.newSessionCookie();
		assertThat(get("/api/session", cookie).json().get("a"))
			.isEqualTo(Reply.json(quotes("{'x':[1,2.5,'y',null,true]}")));
		assertThat(ops("[{'op':'test-cookie-worked'}]", cookie).json()).isEqualTo(Reply.json("[true]"));
	}

	@Test
	void expiryInfoFollowsTheExpiry() {
		Reply reply = ops("[{'op':'set','key':'a','value':1},{'op':'expiry','value':300},{'op':'expiry-info'}]", null);
		SetCookie cookie = reply.sessionCookie();
		assertThat(cookie).as(reply.toString()).isNotNull();
		assertThat(cookie.maxAge()).as(cookie.header()).isEqualTo(300);
		JsonNode info = reply.json().get(2);
		assertThat(info.get("age").longValue()).isEqualTo(300);
		assertThat(info.get("browserClose").booleanValue()).isFalse();
	}

	@Test
	void flushDeletesTheCookie() {
		Reply reply = ops("[{'op':'flush'},{'op':'keys'},{'op':'key'}]", newSession());
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		assertThat(reply.json()).isEqualTo(Reply.json("[null,[],null]"));
		assertDeletionCookie(reply);
	}

	@Test
	void flushWithoutCookieSetsNoCookie() {
		Reply reply = ops("[{'op':'set','key':'a','value':1},{'op':'flush'}]", null);
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.setCookies()).isEmpty();
	}

	@Test
	void cycleKeepsTheDataUnderANewCookie() {
		String cookie = newSession();
		Reply reply = ops("[{'op':'cycle'},{'op':'get','key':'visits'}]", cookie);
		assertThat(reply.json()).isEqualTo(Reply.json("[null,1]"));
		String cycled = reply.newSessionCookie();
		assertSessionCookieFormat(cycled);
		assertThat(get("/api/peek", cycled).body()).isEqualTo("1");
	}

	@Test
	void serverErrorStatusSavesNothing() {
		String cookie = newSession();
		Reply reply = ops("/api/ops?status=500", "[{'op':'set','key':'visits','value':99}]", cookie);
		assertThat(reply.status()).isEqualTo(500);
		assertThat(reply.json()).isEqualTo(Reply.json("[null]"));
		assertThat(reply.setCookies()).isEmpty();
		assertThat(reply.variesOnCookie()).isTrue();
		assertThat(get("/api/peek", cookie).body()).isEqualTo("1");
		Reply withoutCookie = ops("/api/ops?status=503", "[{'op':'set','key':'visits','value':99}]", null);
		assertThat(withoutCookie.status()).isEqualTo(503);
		assertThat(withoutCookie.setCookies()).isEmpty();
	}

	@Test
	void clientErrorStatusStillSaves() {
		String cookie = newSession();
		Reply reply = ops("/api/ops?status=400", "[{'op':'set','key':'visits','value':42}]", cookie);
		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.json()).isEqualTo(Reply.json("[null]"));
		assertThat(get("/api/peek", reply.newSessionCookie()).body()).isEqualTo("42");
	}

	@Test
	void sleepWaitsOffTheEventLoop() {
		Instant before = Instant.now();
		Reply reply = ops("[{'op':'sleep','ms':0},{'op':'sleep','ms':200}]", null);
		assertThat(reply.json()).isEqualTo(Reply.json("[null,null]"));
		assertThat(Duration.between(before, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(200));
	}

	@ParameterizedTest
	@ValueSource(strings = { "not json", "", "{'op':'keys'}", "[{'op':'set','key':'visits','value':5},{'op':'nope'}]",
			"[{'op':'set','key':'visits','value':5},{'op':'get'}]",
			"[{'op':'set','key':'visits','value':5},{'op':'sleep','ms':5001}]",
			"[{'op':'set','key':'visits','value':5},{'op':'expiry','value':'tomorrow'}]",
			"[{'op':'set','key':'visits','value':5},{'op':'set','key':'n','value':1e309}]",
			"[{'op':'set','key':'SPRING_SECURITY_CONTEXT','value':5}]",
			"[{'op':'set','key':'org.springframework.security.web.server.csrf.WebSessionServerCsrfTokenRepository.CSRF_TOKEN','value':5}]",
			"[{'op':'setdefault','key':'_auth_user_id','value':'1'}]" })
	void invalidOperationsAnswerBadRequestAndLeaveTheSessionUntouched(String body) {
		String cookie = newSession();
		Reply reply = ops(body, cookie);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
		assertThat(reply.contentType()).startsWith("application/json");
		assertThat(reply.json().get("error").stringValue()).as(reply.toString()).isNotBlank();
		assertThat(reply.setCookies()).as(reply.toString()).isEmpty();
		assertThat(get("/api/peek", cookie).body()).isEqualTo("1");
	}

	@Test
	void operationsListLargerThanTheBodyLimitAnswers413AndLeavesTheSessionUntouched() {
		String cookie = newSession();
		String value = "x".repeat(300 * 1024);
		Reply reply = this.http.post("/api/ops", "[{\"op\":\"set\",\"key\":\"visits\",\"value\":\"" + value + "\"}]",
				cookie);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(413);
		assertThat(reply.setCookies()).as(reply.toString()).isEmpty();
		assertThat(get("/api/peek", cookie).body()).isEqualTo("1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "abc", "99", "600", "" })
	void invalidStatusAnswersBadRequest(String status) {
		Reply reply = ops("/api/ops?status=" + status, "[{'op':'set','key':'visits','value':5}]", null);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
		assertThat(reply.setCookies()).as(reply.toString()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "" })
	void operationsNeedAJsonBodyAndAnswerUnsupportedMediaTypeOtherwise(String contentType) {
		String cookie = newSession();
		Reply reply = this.http.postAs("/api/ops", quotes("[{'op':'set','key':'visits','value':5}]"),
				contentType.isEmpty() ? null : contentType, cookie);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(415);
		assertThat(reply.contentType()).startsWith("application/json");
		assertThat(reply.json().get("error").stringValue()).as(reply.toString()).contains("application/json");
		assertThat(reply.setCookies()).as(reply.toString()).isEmpty();
		assertThat(get("/api/peek", cookie).body()).isEqualTo("1");
	}

	@Test
	void jsonLoginKeepsTheAnonymousDataUnderANewCookie() {
		String anonymous = anonymousSession();
		assertThat(me(anonymous).status()).isEqualTo(401);
		String cookie = login(ALICE, ALICE_PASSWORD, anonymous);
		assertLoggedIn(cookie, ALICE);
		assertThat(entry(cookie, "cart")).isEqualTo(Reply.json("[\"tea\"]"));
		assertReplacedAtLogin(anonymous, null);
	}

	@Test
	void jsonLoginWithoutASessionStartsOne() {
		assertLoggedIn(login(BOB, BOB_PASSWORD, null), BOB);
	}

	@Test
	void wrongPasswordAnswersUnauthorizedAndLeavesTheSessionAlone() {
		String anonymous = anonymousSession();
		for (String[] credentials : new String[][] { { ALICE, "not-" + ALICE_PASSWORD },
				{ "mallory", ALICE_PASSWORD } }) {
			Reply reply = loginRequest(credentials[0], credentials[1], anonymous);
			assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
			assertThat(reply.sessionCookie()).as(reply.toString()).isNull();
		}
		assertThat(me(anonymous).status()).isEqualTo(401);
		assertThat(entry(anonymous, "cart")).isEqualTo(Reply.json("[\"tea\"]"));
	}

	@Test
	void loginAsAnotherUserStartsFromAnEmptySession() {
		String alices = login(ALICE, ALICE_PASSWORD, anonymousSession());
		alices = ops("[{'op':'set','key':'diary','value':'alice only'}]", alices).newSessionCookie();
		String bobs = login(BOB, BOB_PASSWORD, alices);
		assertLoggedIn(bobs, BOB);
		JsonNode entries = ops("[{'op':'contains','key':'diary'},{'op':'contains','key':'cart'}]", bobs).json();
		assertThat(entries).as("alice's entries in bob's session").isEqualTo(Reply.json("[false,false]"));
		assertReplacedAtLogin(alices, ALICE);
	}

	@Test
	void loginAgainAsTheSameUserChangesTheCookieAndKeepsTheData() {
		String first = login(ALICE, ALICE_PASSWORD, anonymousSession());
		String second = login(ALICE, ALICE_PASSWORD, first);
		assertLoggedIn(second, ALICE);
		assertThat(entry(second, "cart")).isEqualTo(Reply.json("[\"tea\"]"));
		assertReplacedAtLogin(first, ALICE);
	}

	@Test
	void jsonLogoutFlushesTheSessionAndDeletesTheCookie() {
		String cookie = login(ALICE, ALICE_PASSWORD, anonymousSession());
		Reply logout = post("/api/logout", "", cookie);
		assertThat(logout.status()).as(logout.toString()).isEqualTo(204);
		assertDeletionCookie(logout);
		assertReplayedAfterLogout(cookie);
		Reply withoutSession = post("/api/logout", "", null);
		assertThat(withoutSession.status()).as(withoutSession.toString()).isEqualTo(204);
		assertThat(withoutSession.setCookies()).as(withoutSession.toString()).isEmpty();
	}

	@Test
	void meWithoutASessionIsUnauthorizedAndSetsNoCookie() {
		Reply me = me(null);
		assertThat(me.status()).as(me.toString()).isEqualTo(401);
		assertThat(me.setCookies()).as(me.toString()).isEmpty();
	}

	@Test
	void formLoginChangesTheCookieAndLogsIn() {
		String anonymous = anonymousSession();
		LoginPage page = loginPage(anonymous);
		Reply reply = this.http.postForm("/login",
				DemoHttp.form("username", ALICE, "password", ALICE_PASSWORD, "_csrf", page.csrfToken()), page.cookie());
		assertThat(reply.status()).as(reply.toString()).isEqualTo(302);
		assertThat(reply.location()).isEqualTo("/");
		String cookie = reply.newSessionCookie();
		assertThat(cookie).isNotEqualTo(anonymous);
		assertLoggedIn(cookie, ALICE);
		assertThat(entry(cookie, "cart")).isEqualTo(Reply.json("[\"tea\"]"));
		assertReplacedAtLogin(anonymous, null);
	}

	@Test
	void formPostWithoutTheCsrfTokenIsForbidden() {
		LoginPage page = loginPage(anonymousSession());
		Reply withoutToken = this.http.postForm("/login", DemoHttp.form("username", ALICE, "password", ALICE_PASSWORD),
				page.cookie());
		assertThat(withoutToken.status()).as(withoutToken.toString()).isEqualTo(403);
		assertThat(withoutToken.sessionCookie()).as(withoutToken.toString()).isNull();
		assertThat(me(page.cookie()).status()).isEqualTo(401);
	}

	/**
	 * A login replaces the CSRF token, as Django's {@code login()} rotates it: a token
	 * learnt before the login is refused afterwards, and a form logout with the new one
	 * flushes the session.
	 */
	@Test
	void jsonLoginReplacesTheCsrfToken() {
		LoginPage before = loginPage(null);
		String cookie = login(ALICE, ALICE_PASSWORD, before.cookie());
		Reply withTheOldToken = this.http.postForm("/logout", DemoHttp.form("_csrf", before.csrfToken()), cookie);
		assertThat(withTheOldToken.status()).as(withTheOldToken.toString()).isEqualTo(403);
		assertLoggedIn(cookie, ALICE);
		LoginPage after = loginPage(cookie);
		Reply withTheNewToken = this.http.postForm("/logout", DemoHttp.form("_csrf", after.csrfToken()),
				after.cookie());
		assertThat(withTheNewToken.status()).as(withTheNewToken.toString()).isEqualTo(302);
		assertDeletionCookie(withTheNewToken);
		assertReplayedAfterLogout(after.cookie());
	}

	@Test
	void rootServesTheServletDemosPage() throws IOException {
		Reply page = get("/", null);
		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		assertThat(page.contentType()).startsWith("text/html");
		assertThat(page.body()).isEqualTo(
				Files.readString(Path.of("../demo-app/src/main/resources/static/index.html"), StandardCharsets.UTF_8));
		assertThat(page.setCookies()).isEmpty();
	}

	/**
	 * Start a session with {@code visits = 1}.
	 * @return its cookie value
	 */
	String newSession() {
		Reply reply = get("/api/visits", null);
		assertThat(reply.body()).isEqualTo("1");
		return reply.newSessionCookie();
	}

	/**
	 * Start an anonymous session holding {@code cart = ["tea"]}.
	 * @return its cookie
	 */
	String anonymousSession() {
		String cookie = ops("[{'op':'set','key':'cart','value':['tea']}]", null).newSessionCookie();
		assertSessionCookieFormat(cookie);
		return cookie;
	}

	Reply get(String path, @Nullable String cookie) {
		return this.http.get(path, cookie);
	}

	Reply post(String path, String json, @Nullable String cookie) {
		return this.http.post(path, json, cookie);
	}

	/**
	 * Run operations; the body may quote with {@code '}, replaced by {@code "}.
	 * @param body the operations
	 * @param cookie the session cookie, or {@code null}
	 * @return the reply
	 */
	Reply ops(String body, @Nullable String cookie) {
		return ops("/api/ops", body, cookie);
	}

	Reply ops(String path, String body, @Nullable String cookie) {
		return post(path, quotes(body), cookie);
	}

	Reply me(@Nullable String cookie) {
		return get("/api/me", cookie);
	}

	/**
	 * Log in through the JSON API, asserting success.
	 * @param user the user name
	 * @param password the password
	 * @param cookie the session cookie to send, or {@code null}
	 * @return the new session cookie, different from the one sent
	 */
	String login(String user, String password, @Nullable String cookie) {
		Reply reply = loginRequest(user, password, cookie);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		assertThat(reply.json().get("user").stringValue()).isEqualTo(user);
		String loggedIn = reply.newSessionCookie();
		assertSessionCookieFormat(loggedIn);
		assertThat(loggedIn).as("cookie after the login").isNotEqualTo(cookie);
		return loggedIn;
	}

	void assertLoggedIn(String cookie, String user) {
		Reply me = me(cookie);
		assertThat(me.status()).as(me.toString()).isEqualTo(200);
		assertThat(me.json().get("user").stringValue()).isEqualTo(user);
	}

	private Reply loginRequest(String user, String password, @Nullable String cookie) {
		return post("/api/login", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}", cookie);
	}

	private JsonNode entry(String cookie, String key) {
		Reply reply = ops("[{'op':'get','key':'" + key + "'}]", cookie);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		return reply.json().get(0);
	}

	private LoginPage loginPage(@Nullable String cookie) {
		Reply page = get("/login", cookie);
		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		assertThat(page.contentType()).startsWith("text/html");
		Matcher input = CSRF_INPUT.matcher(page.body());
		assertThat(input.find()).as("a _csrf input in %s", page.body()).isTrue();
		String token = (input.group(1) != null) ? input.group(1) : input.group(2);
		SetCookie set = page.sessionCookie();
		String session = (set != null) ? set.value() : cookie;
		assertThat(session).as("session cookie of the login page: %s", page).isNotNull();
		return new LoginPage(session, token);
	}

	private long engineOperationsOf(Supplier<Reply> request) {
		long before = engineOperations();
		Reply reply = request.get();
		assertThat(reply.status()).as(reply.toString()).isBetween(200, 299);
		return engineOperations() - before;
	}

	private long engineOperations() {
		Reply reply = get("/actuator/metrics/session.engine.operations", null);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		for (JsonNode measurement : reply.json().path("measurements")) {
			if (measurement.path("statistic").stringValue().equals("COUNT")) {
				return (long) measurement.path("value").doubleValue();
			}
		}
		throw new AssertionError("No COUNT in " + reply);
	}

	static String quotes(String json) {
		return json.replace('\'', '"');
	}

	static void assertDeletionCookie(Reply reply) {
		SetCookie cookie = reply.sessionCookie();
		assertThat(cookie).as("deletion cookie in %s", reply).isNotNull();
		assertThat(cookie.value()).as(cookie.header()).isEmpty();
		assertThat(cookie.maxAge()).as(cookie.header()).isZero();
		assertThat(cookie.attribute("Path")).as(cookie.header()).isEqualTo("/");
		assertThat(reply.variesOnCookie()).as(reply.toString()).isTrue();
	}

	/**
	 * The login page as a browser gets it.
	 *
	 * @param cookie the session cookie that holds the CSRF token
	 * @param csrfToken the value of the form's hidden {@code _csrf} input
	 */
	private record LoginPage(String cookie, String csrfToken) {

	}

}
