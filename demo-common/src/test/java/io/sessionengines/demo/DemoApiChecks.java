package io.sessionengines.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The demo API's contract ({@code demo-api.md}) as both demos must keep it, whatever the
 * engine and whatever the web stack: the checks of the Django reference (§6.5) that apply
 * to every engine, asked over HTTP of a running server. The servlet and the reactive
 * demo's abstract test classes implement this interface, so that each of their engine's
 * test classes runs these checks, and say only how the engine's cookie looks.
 * <p>
 * Cookies are handled by hand: each request carries exactly the session cookie a test
 * gives it, and each {@code Set-Cookie} header is parsed and asserted as sent.
 *
 * @author Session Engines contributors
 */
public interface DemoApiChecks {

	/**
	 * Return the client of the running application.
	 * @return the client
	 */
	DemoHttp http();

	/**
	 * Assert that a session cookie value has the engine's format.
	 * @param value the value of a session cookie the server set
	 */
	void assertSessionCookieFormat(String value);

	@Test
	default void helloWithoutCookieSetsNoCookieAndNoVary() {
		Reply reply = get("/api/hello", null);
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.body()).isEqualTo("ok");
		assertThat(reply.contentType()).startsWith("text/plain");
		assertThat(reply.setCookies()).isEmpty();
		assertThat(reply.variesOnCookie()).isFalse();
	}

	@Test
	default void helloWithValidCookieSetsNoCookieAndNoVary() {
		Reply reply = get("/api/hello", newSession());
		assertThat(reply.body()).isEqualTo("ok");
		assertThat(reply.setCookies()).isEmpty();
		assertThat(reply.variesOnCookie()).isFalse();
	}

	/**
	 * What each request costs the engine, as the {@code session.engine.operations} timer
	 * counts it: nothing for a request that carries a cookie but never uses the session
	 * (although Spring MVC's request-handled event asks for the session's id after every
	 * request); one load for a read; a load and a save for a write; one save for a new
	 * session; a load and a delete for a logout.
	 */
	@Test
	default void eachRequestCostsTheEngineOnlyWhatItUses() {
		String cookie = newSession();
		assertThat(engineOperationsOf(() -> get("/api/hello", cookie))).as("hello with a cookie").isZero();
		assertThat(engineOperationsOf(() -> get("/api/peek", cookie))).as("peek").isOne();
		assertThat(engineOperationsOf(() -> get("/api/visits", cookie))).as("visits").isEqualTo(2);
		assertThat(engineOperationsOf(() -> get("/api/visits", null))).as("a new session").isOne();
		Reply login = http().post("/api/login", "{\"username\":\"alice\",\"password\":\"wonderland\"}", null);
		assertThat(login.status()).as(login.toString()).isEqualTo(200);
		String loggedIn = login.newSessionCookie();
		assertThat(engineOperationsOf(() -> http().post("/api/logout", "", loggedIn))).as("logout").isEqualTo(2);
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

	@Test
	default void settingsNameTheEngineAndTheCookieAndSaveNothing() {
		Reply reply = get("/api/settings", newSession());
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		assertThat(reply.json().get("engine").stringValue()).isIn("db", "file", "cache", "cached_db", "signed_cookies");
		assertThat(reply.json().get("cookie").get("name").stringValue()).isEqualTo(DemoHttp.COOKIE_NAME);
		assertThat(reply.json().get("cookie").get("httpOnly").booleanValue()).isTrue();
		assertThat(reply.json().get("cookie").get("sameSite").stringValue()).isEqualTo("Lax");
		assertThat(reply.json().get("cookie").get("maxAge").longValue()).isEqualTo(DemoApi.DEFAULT_COOKIE_AGE);
		// Spring MVC's request-handled event asks Spring Security for the user, which
		// reads
		// the session after this body was written (no Content-Length): Vary: Cookie
		// follows
		assertThat(reply.setCookies()).isEmpty();
	}

	@Test
	default void visitsAreCountedAcrossRequests() {
		Reply first = get("/api/visits", null);
		assertThat(first.body()).isEqualTo("1");
		assertThat(first.contentType()).startsWith("text/plain");
		assertThat(first.variesOnCookie()).isTrue();
		Reply second = get("/api/visits", first.newSessionCookie());
		assertThat(second.body()).isEqualTo("2");
		Reply third = get("/api/visits", second.newSessionCookie());
		assertThat(third.body()).isEqualTo("3");
		assertThat(get("/api/peek", third.newSessionCookie()).body()).isEqualTo("3");
	}

	@Test
	default void peekWithCookieReadsTheCountWithoutSaving() {
		String cookie = get("/api/visits", newSession()).newSessionCookie();
		Reply reply = get("/api/peek", cookie);
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.body()).isEqualTo("2");
		assertThat(reply.contentType()).startsWith("text/plain");
		assertThat(reply.setCookies()).isEmpty();
		assertThat(reply.variesOnCookie()).isTrue();
	}

	@Test
	default void peekWithoutCookieAnswersZeroAndSetsNoCookie() {
		Reply reply = get("/api/peek", null);
		assertThat(reply.body()).isEqualTo("0");
		assertThat(reply.setCookies()).isEmpty();
		assertThat(reply.variesOnCookie()).isTrue();
	}

	@Test
	default void sessionCookieHasDjangoDefaultAttributes() {
		Instant before = Instant.now();
		Reply reply = get("/api/visits", null);
		Instant after = Instant.now();
		SetCookie cookie = reply.sessionCookie();
		assertThat(cookie).isNotNull();
		assertSessionCookieFormat(cookie.value());
		assertThat(cookie.has("HttpOnly")).as(cookie.header()).isTrue();
		assertThat(cookie.attribute("SameSite")).as(cookie.header()).isEqualTo("Lax");
		assertThat(cookie.attribute("Path")).as(cookie.header()).isEqualTo("/");
		assertThat(cookie.maxAge()).as(cookie.header()).isEqualTo(DemoApi.DEFAULT_COOKIE_AGE);
		DemoApi.assertExpires(cookie, before, after, DemoApi.DEFAULT_COOKIE_AGE);
		assertThat(cookie.has("Secure")).as(cookie.header()).isFalse();
		assertThat(cookie.has("Domain")).as(cookie.header()).isFalse();
	}

	@Test
	default void setThenPopInOneRequestSendsNoCookie() {
		Reply reply = ops("[{'op':'set','key':'a','value':1},{'op':'pop','key':'a'}]", null);
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json()).isEqualTo(Reply.json("[null,1]"));
		assertThat(reply.setCookies()).isEmpty();
		assertThat(reply.variesOnCookie()).isTrue();
	}

	@Test
	default void operationsHaveDjangoResults() {
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
				 {'op':'contains','key':'b'}]""", null);
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.contentType()).startsWith("application/json");
		assertThat(reply.json()).isEqualTo(Reply.json(DemoApi.quotes("""
				[null, {'x':[1,2.5,'y',null,true]}, null, {'x':[1,2.5,'y',null,true]}, 'x', true, false,
				 ['a','b'], 'x', null, false]""")));
		String cookie = reply.newSessionCookie();
		assertThat(get("/api/session", cookie).json())
			.isEqualTo(Reply.json(DemoApi.quotes("{'a':{'x':[1,2.5,'y',null,true]}}")));
	}

	@Test
	default void emptyOperationListIsValidAndTouchesNothing() {
		Reply reply = ops("[]", null);
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json()).isEqualTo(Reply.json("[]"));
		assertThat(reply.setCookies()).isEmpty();
		Reply withCookie = ops("[]", newSession());
		assertThat(withCookie.status()).isEqualTo(200);
		assertThat(withCookie.setCookies()).isEmpty();
	}

	@Test
	default void readOnlyOperationsSendNoCookie() {
		String cookie = newSession();
		Reply reply = ops("[{'op':'pop','key':'absent'},{'op':'setdefault','key':'visits','value':7},"
				+ "{'op':'get','key':'visits'},{'op':'keys'}]", cookie);
		assertThat(reply.json()).isEqualTo(Reply.json("[null,1,1,[\"visits\"]]"));
		assertThat(reply.setCookies()).isEmpty();
		assertThat(reply.variesOnCookie()).isTrue();
	}

	@Test
	default void writesResendTheCookieEvenWhenNothingChanged() {
		String cookie = newSession();
		assertThat(ops("[{'op':'set','key':'visits','value':1}]", cookie).newSessionCookie()).isNotEmpty();
		assertThat(ops("[{'op':'modified'}]", cookie).newSessionCookie()).isNotEmpty();
		assertThat(ops("[{'op':'setdefault','key':'other','value':2}]", cookie).newSessionCookie()).isNotEmpty();
	}

	@Test
	default void sessionShowsEveryEntryIncludingInternalOnes() {
		String cookie = ops("[{'op':'set','key':'a','value':'b'},{'op':'expiry','value':300}]", null)
			.newSessionCookie();
		Reply reply = get("/api/session", cookie);
		assertThat(reply.contentType()).startsWith("application/json");
		assertThat(reply.json()).isEqualTo(Reply.json("{\"a\":\"b\",\"_session_expiry\":300}"));
		assertThat(ops("[{'op':'keys'}]", cookie).json()).isEqualTo(Reply.json("[[\"a\",\"_session_expiry\"]]"));
	}

	@Test
	default void sessionWithoutCookieIsEmpty() {
		Reply reply = get("/api/session", null);
		assertThat(reply.json()).isEqualTo(Reply.json("{}"));
		assertThat(reply.setCookies()).isEmpty();
	}

	@Test
	default void tamperedCookieGivesAnEmptySessionAndADeletionCookie() {
		String cookie = newSession();
		String tampered = cookie.substring(0, 1) + ((cookie.charAt(1) != 'x') ? 'x' : 'y') + cookie.substring(2);
		Reply reply = get("/api/peek", tampered);
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.body()).isEqualTo("0");
		DemoApi.assertDeletionCookie(reply);
		assertThat(get("/api/peek", cookie).body()).isEqualTo("1");
	}

	@Test
	default void unknownCookieIsIgnoredWhenTheSessionIsNotUsed() {
		Reply reply = get("/api/hello", DemoApi.randomKey());
		assertThat(reply.body()).isEqualTo("ok");
		assertThat(reply.setCookies()).isEmpty();
		assertThat(reply.variesOnCookie()).isFalse();
	}

	@Test
	default void unknownCookieGivesAnEmptySessionAndADeletionCookieOnRead() {
		Reply reply = get("/api/session", DemoApi.randomKey());
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json()).isEqualTo(Reply.json("{}"));
		DemoApi.assertDeletionCookie(reply);
	}

	@Test
	default void unknownCookieIsReplacedOnWrite() {
		String unknown = DemoApi.randomKey();
		Reply reply = get("/api/visits", unknown);
		assertThat(reply.body()).isEqualTo("1");
		String cookie = reply.newSessionCookie();
		assertThat(cookie).isNotEqualTo(unknown);
		assertSessionCookieFormat(cookie);
	}

	@Test
	default void cookieShorterThanEightCharactersIsDeletedEvenOnServerError() {
		Reply reply = http().post("/api/ops?status=500", "[]", "abcdefg");
		assertThat(reply.status()).isEqualTo(500);
		DemoApi.assertDeletionCookie(reply);
	}

	@Test
	default void lastSessionCookieOfTheRequestWins() {
		String cookie = newSession();
		Reply reply = http().getWithCookieHeader("/api/peek",
				"sessionid=" + DemoApi.randomKey() + "; other=1; sessionid=" + cookie);
		assertThat(reply.body()).isEqualTo("1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "-10", "'2001-02-03T04:05:06Z'" })
	default void expiryInThePastExpiresTheSession(String expiry) {
		Reply reply = ops("[{'op':'set','key':'a','value':1},{'op':'expiry','value':" + expiry + "}]", null);
		SetCookie cookie = reply.sessionCookie();
		assertThat(cookie).as(reply.toString()).isNotNull();
		DemoApi.assertExpiredCookie(cookie);
		Reply replay = get("/api/session", cookie.value());
		assertThat(replay.json()).isEqualTo(Reply.json("{}"));
		DemoApi.assertDeletionCookie(replay);
	}

	@ParameterizedTest
	@ValueSource(strings = { "uuuu-MM-dd'T'HH:mm:ss'Z'", "uuuu-MM-dd'T'HH:mm:ss.SSS'Z'",
			"uuuu-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'" })
	default void instantExpirySetsTheRemainingSeconds(String pattern) {
		Instant before = Instant.now();
		Instant expiry = before.plusSeconds(120).truncatedTo(ChronoUnit.MILLIS).plusMillis(500);
		String value = DateTimeFormatter.ofPattern(pattern).format(expiry.atOffset(ZoneOffset.UTC));
		Reply reply = ops("[{'op':'set','key':'a','value':1},{'op':'expiry','value':'" + value + "'}]", null);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		SetCookie cookie = reply.sessionCookie();
		assertThat(cookie).as(reply.toString()).isNotNull();
		assertThat(cookie.maxAge()).as(cookie.header()).isBetween(117L, 120L);
		assertThat(cookie.expires()).as(cookie.header()).isCloseTo(expiry, within(3, ChronoUnit.SECONDS));
		JsonNode session = get("/api/session", cookie.value()).json();
		assertThat(session.get("a").intValue()).isEqualTo(1);
		assertThat(session.get("_session_expiry").isString()).as(session.toString()).isTrue();
	}

	@Test
	default void zeroExpiryGivesABrowserSessionCookie() {
		Reply reply = ops("[{'op':'set','key':'a','value':1},{'op':'expiry','value':0}]", null);
		SetCookie cookie = reply.sessionCookie();
		assertThat(cookie).as(reply.toString()).isNotNull();
		assertThat(cookie.has("Max-Age")).as(cookie.header()).isFalse();
		assertThat(cookie.has("Expires")).as(cookie.header()).isFalse();
		Instant before = Instant.now();
		JsonNode info = ops("[{'op':'expiry-info'}]", cookie.value()).json().get(0);
		assertThat(info.get("age").longValue()).isEqualTo(DemoApi.DEFAULT_COOKIE_AGE);
		assertThat(info.get("browserClose").booleanValue()).isTrue();
		assertThat(OffsetDateTime.parse(info.get("date").stringValue()).toInstant())
			.isCloseTo(before.plusSeconds(DemoApi.DEFAULT_COOKIE_AGE), within(5, ChronoUnit.SECONDS));
		assertThat(get("/api/peek", cookie.value()).status()).isEqualTo(200);
		assertThat(get("/api/session", cookie.value()).json().get("a").intValue()).isEqualTo(1);
	}

	@Test
	default void secondsExpirySetsMaxAge() {
		Instant before = Instant.now();
		Reply reply = ops("[{'op':'set','key':'a','value':1},{'op':'expiry','value':300},{'op':'expiry-info'}]", null);
		Instant after = Instant.now();
		SetCookie cookie = reply.sessionCookie();
		assertThat(cookie).as(reply.toString()).isNotNull();
		assertThat(cookie.maxAge()).as(cookie.header()).isEqualTo(300);
		DemoApi.assertExpires(cookie, before, after, 300);
		JsonNode info = reply.json().get(2);
		assertThat(info.get("age").longValue()).isEqualTo(300);
		assertThat(info.get("browserClose").booleanValue()).isFalse();
	}

	@Test
	default void nullExpiryRestoresTheDefaultAge() {
		String cookie = ops("[{'op':'set','key':'a','value':1},{'op':'expiry','value':300}]", null).newSessionCookie();
		Reply reply = ops("[{'op':'expiry','value':null},{'op':'keys'}]", cookie);
		assertThat(reply.json()).isEqualTo(Reply.json("[null,[\"a\"]]"));
		SetCookie restored = reply.sessionCookie();
		assertThat(restored).as(reply.toString()).isNotNull();
		assertThat(restored.maxAge()).as(restored.header()).isEqualTo(DemoApi.DEFAULT_COOKIE_AGE);
	}

	@Test
	default void serverErrorStatusSavesNothing() {
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
	default void clientErrorStatusStillSaves() {
		String cookie = newSession();
		Reply reply = ops("/api/ops?status=400", "[{'op':'set','key':'visits','value':42}]", cookie);
		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.json()).isEqualTo(Reply.json("[null]"));
		assertThat(get("/api/peek", reply.newSessionCookie()).body()).isEqualTo("42");
	}

	@Test
	default void flushDeletesTheCookie() {
		Reply reply = ops("[{'op':'flush'},{'op':'keys'},{'op':'key'}]", newSession());
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		assertThat(reply.json()).isEqualTo(Reply.json("[null,[],null]"));
		DemoApi.assertDeletionCookie(reply);
	}

	@Test
	default void flushWithoutCookieSetsNoCookie() {
		Reply reply = ops("[{'op':'set','key':'a','value':1},{'op':'flush'}]", null);
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.setCookies()).isEmpty();
		assertThat(reply.variesOnCookie()).isTrue();
	}

	@Test
	default void cycleKeepsTheDataUnderANewCookie() {
		String cookie = newSession();
		Reply reply = ops("[{'op':'cycle'},{'op':'get','key':'visits'}]", cookie);
		assertThat(reply.json()).isEqualTo(Reply.json("[null,1]"));
		String cycled = reply.newSessionCookie();
		assertSessionCookieFormat(cycled);
		assertThat(get("/api/peek", cycled).body()).isEqualTo("1");
	}

	@Test
	default void clearedSessionIsSavedEmptyRatherThanDeleted() {
		String cookie = newSession();
		Reply reply = ops("[{'op':'clear'}]", cookie);
		String saved = reply.newSessionCookie();
		assertThat(get("/api/session", saved).json()).isEqualTo(Reply.json("{}"));
	}

	@Test
	default void testCookieWorksAcrossTwoRequests() {
		Reply set = ops("[{'op':'set-test-cookie'},{'op':'test-cookie-worked'}]", null);
		assertThat(set.json()).isEqualTo(Reply.json("[null,true]"));
		Reply check = ops("[{'op':'test-cookie-worked'}]", set.newSessionCookie());
		assertThat(check.json()).isEqualTo(Reply.json("[true]"));
		assertThat(ops("[{'op':'test-cookie-worked'}]", null).json()).isEqualTo(Reply.json("[false]"));
	}

	@Test
	default void sleepWaitsWithinTheLimit() {
		Instant before = Instant.now();
		Reply reply = ops("[{'op':'sleep','ms':0},{'op':'sleep','ms':200}]", null);
		assertThat(reply.json()).isEqualTo(Reply.json("[null,null]"));
		assertThat(Duration.between(before, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(200));
	}

	@ParameterizedTest
	@ValueSource(strings = { "not json", "", "{'op':'keys'}", "[{'op':'set','key':'visits','value':5}] trailing",
			"[{'op':'set','key':'visits','value':5},", "[{'op':'set','key':'visits','value':5},3]",
			"[{'op':'set','key':'visits','value':5},{'op':'nope'}]",
			"[{'op':'set','key':'visits','value':5},{'key':'visits'}]",
			"[{'op':'set','key':'visits','value':5},{'op':7}]", "[{'op':'set','key':'visits','value':5},{'op':'get'}]",
			"[{'op':'set','key':'visits','value':5},{'op':'get','key':7}]", "[{'op':'set','key':'visits'}]",
			"[{'op':'set','key':'visits','value':5},{'op':'setdefault','key':'visits'}]",
			"[{'op':'set','key':'visits','value':5},{'op':'sleep'}]",
			"[{'op':'set','key':'visits','value':5},{'op':'sleep','ms':5001}]",
			"[{'op':'set','key':'visits','value':5},{'op':'sleep','ms':-1}]",
			"[{'op':'set','key':'visits','value':5},{'op':'sleep','ms':'10'}]",
			"[{'op':'set','key':'visits','value':5},{'op':'expiry'}]",
			"[{'op':'set','key':'visits','value':5},{'op':'expiry','value':'tomorrow'}]",
			"[{'op':'set','key':'visits','value':5},{'op':'expiry','value':true}]",
			"[{'op':'set','key':'visits','value':5},{'op':'expiry','value':1.5}]",
			"[{'op':'set','key':'visits','value':5},{'op':'expiry','value':[300]}]" })
	default void invalidOperationsAnswerBadRequestAndLeaveTheSessionUntouched(String body) {
		String cookie = newSession();
		Reply reply = ops(body, cookie);
		assertBadRequest(reply);
		assertThat(get("/api/peek", cookie).body()).isEqualTo("1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{'op':'expiry','value':'9999-12-31T23:59:59Z'}",
			"{'op':'expiry','value':'2400-01-01T00:00:00Z'}", "{'op':'expiry','value':'1700-01-01T00:00:00Z'}",
			"{'op':'expiry','value':'+999999999-12-31T23:59:59Z'}",
			"{'op':'expiry','value':'-999999999-01-01T00:00:00Z'}", "{'op':'expiry','value':9223372036854775807}",
			"{'op':'expiry','value':-9223372036854775808}", "{'op':'expiry','value':999999999999}",
			"{'op':'set','key':'_session_expiry','value':'9999-12-31T23:59:59.999999+00:00'}",
			"{'op':'set','key':'_session_expiry','value':'2400-01-01T00:00:00'}",
			"{'op':'set','key':'_session_expiry','value':'1700-01-01 00:00:00'}",
			"{'op':'set','key':'_session_expiry','value':'+999999999-12-31T23:59:59+00:00'}",
			"{'op':'set','key':'_session_expiry','value':'-999999999-01-01T00:00:00+00:00'}",
			"{'op':'set','key':'_session_expiry','value':1e300}", "{'op':'set','key':'_session_expiry','value':-1e300}",
			"{'op':'set','key':'_session_expiry','value':9223372036854775807}",
			"{'op':'set','key':'_session_expiry','value':18446744073709551616}",
			"{'op':'set','key':'_session_expiry','value':1.7976931348623157e308}" })
	default void hostileExpiriesNeverGiveAServerError(String operation) {
		Reply reply = ops("[{'op':'set','key':'a','value':1}," + operation + ",{'op':'expiry-info'}]", null);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		SetCookie cookie = reply.sessionCookie();
		assertThat(cookie).as(reply.toString()).isNotNull();
		assertThat(cookie.maxAge()).as(cookie.header()).isBetween(0L, Duration.ofDays(400).toSeconds());
		assertThat(cookie.expires()).as(cookie.header()).isBeforeOrEqualTo(DemoApi.LATEST);
		Instant date = OffsetDateTime.parse(reply.json().get(2).get("date").stringValue()).toInstant();
		assertThat(date).isBetween(Instant.EPOCH, DemoApi.LATEST);
		boolean live = cookie.maxAge() > 0;
		assertThat(date.isAfter(Instant.now())).as(reply.toString()).isEqualTo(live);
		String value = cookie.value();
		Reply session = get("/api/session", value);
		assertThat(session.status()).as(session.toString()).isEqualTo(200);
		assertThat(session.json().has("a")).as(session.toString()).isEqualTo(live);
		for (String next : List.of("[{'op':'expiry-info'},{'op':'set','key':'b','value':2}]", "[{'op':'cycle'}]",
				"[{'op':'expiry','value':300}]")) {
			Reply followUp = ops(next, value);
			assertThat(followUp.status()).as(followUp.toString()).isEqualTo(200);
			SetCookie newCookie = followUp.sessionCookie();
			value = (newCookie != null && !newCookie.isDeletion()) ? newCookie.value() : value;
		}
		assertThat(get("/api/visits", value).status()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "1e309", "-1e309", "1e999999999", "-1e999999999", "[1,{'x':1e400}]" })
	default void numbersTheSessionCannotHoldAnswerBadRequestAndLeaveTheSessionUntouched(String number) {
		String cookie = newSession();
		for (String op : List.of("set", "setdefault")) {
			long start = System.nanoTime();
			Reply reply = ops(
					"[{'op':'set','key':'visits','value':5},{'op':'" + op + "','key':'n','value':" + number + "}]",
					cookie);
			assertBadRequest(reply);
			assertThat(reply.json().get("error").stringValue()).as(reply.toString()).contains("operations[1]");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		}
		assertThat(get("/api/peek", cookie).body()).isEqualTo("1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
			"multipart/form-data; boundary=x", "application/xml", "" })
	default void operationsNeedAJsonBodyAndAnswerUnsupportedMediaTypeOtherwise(String contentType) {
		String cookie = newSession();
		Reply reply = http().postAs("/api/ops", DemoApi.quotes("[{'op':'set','key':'visits','value':5}]"),
				contentType.isEmpty() ? null : contentType, cookie);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(415);
		assertThat(reply.contentType()).startsWith("application/json");
		assertThat(reply.json().get("error").stringValue()).as(reply.toString()).contains("application/json");
		assertThat(reply.setCookies()).as(reply.toString()).isEmpty();
		assertThat(get("/api/peek", cookie).body()).isEqualTo("1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "application/json", "application/json;charset=UTF-8", "Application/JSON" })
	default void operationsAcceptEveryJsonContentType(String contentType) {
		Reply reply = http().postAs("/api/ops", DemoApi.quotes("[{'op':'set','key':'a','value':1}]"), contentType,
				null);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		assertThat(reply.newSessionCookie()).isNotEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "abc", "99", "100", "199", "600", "-200", "2.5e2", "" })
	default void invalidStatusAnswersBadRequestAndLeavesTheSessionUntouched(String status) {
		String cookie = newSession();
		Reply reply = ops("/api/ops?status=" + status, "[{'op':'set','key':'visits','value':5}]", cookie);
		assertBadRequest(reply);
		assertThat(get("/api/peek", cookie).body()).isEqualTo("1");
	}

	@ParameterizedTest
	@ValueSource(ints = { 200, 201, 202, 299, 404, 418, 501, 599 })
	default void statusSetsTheResponseStatus(int status) {
		Reply reply = ops("/api/ops?status=" + status, "[{'op':'get','key':'a'}]", null);
		assertThat(reply.status()).isEqualTo(status);
		assertThat(reply.json()).isEqualTo(Reply.json("[null]"));
	}

	private static void assertBadRequest(Reply reply) {
		assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
		assertThat(reply.contentType()).startsWith("application/json");
		assertThat(reply.json().get("error").stringValue()).as(reply.toString()).isNotBlank();
		assertThat(reply.setCookies()).as(reply.toString()).isEmpty();
	}

	/**
	 * Start a session with {@code visits = 1}.
	 * @return its cookie value
	 */
	default String newSession() {
		Reply reply = get("/api/visits", null);
		assertThat(reply.body()).isEqualTo("1");
		return reply.newSessionCookie();
	}

	default Reply get(String path, @Nullable String cookie) {
		return http().get(path, cookie);
	}

	/**
	 * Run operations; the body may quote with {@code '}, replaced by {@code "}.
	 * @param body the operations
	 * @param cookie the session cookie, or {@code null}
	 * @return the reply
	 */
	default Reply ops(String body, @Nullable String cookie) {
		return ops("/api/ops", body, cookie);
	}

	/**
	 * Run operations at a path that may carry a query, such as {@code status}.
	 * @param path the path and query
	 * @param body the operations, which may quote with {@code '}
	 * @param cookie the session cookie, or {@code null}
	 * @return the reply
	 */
	default Reply ops(String path, String body, @Nullable String cookie) {
		return http().post(path, DemoApi.quotes(body), cookie);
	}

}
