package io.sessionengines.web.servlet;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.sessionengines.engine.MutableClock;
import io.sessionengines.engine.SaveResult;
import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.SessionKeyHash;
import io.sessionengines.engine.SessionStoreUnavailableException;
import io.sessionengines.engine.db.JdbcSessionEngine;
import io.sessionengines.engine.signedcookies.SignedCookieSessionEngine;
import io.sessionengines.serializer.JsonSessionSerializer;
import io.sessionengines.session.Session;
import io.sessionengines.session.SessionFactory;
import io.sessionengines.signing.SigningKey;
import io.sessionengines.signing.SigningKeyRing;
import io.sessionengines.signing.TimestampSigner;
import io.sessionengines.signing.TokenCipher;
import io.sessionengines.web.SameSite;
import io.sessionengines.web.SessionCookie;
import io.sessionengines.web.SessionCookieTooLargeException;
import io.sessionengines.web.SessionMiddleware;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import org.h2.jdbcx.JdbcDataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockServletContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.context.support.ServletRequestHandledEvent;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests for {@link SessionMiddlewareFilter} and {@link SessionMiddleware}: every branch
 * of Django's middleware decision table, with servlet mocks and real engines.
 *
 * @author Session Engines contributors
 */
class SessionMiddlewareFilterTests {

	private static final String SECRET = "a-test-secret-key-that-is-long-enough-0123456789";

	private static final String OLD_SECRET = "an-older-test-secret-key-long-enough-9876543210";

	private static final Pattern KEY = Pattern.compile("[a-z0-9]{32}");

	private static final Pattern SET_COOKIE_VALUE = Pattern.compile("^sessionid=([^;]*)");

	private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

	private @Nullable Duration idleTimeout;

	private final JsonSessionSerializer serializer = new JsonSessionSerializer();

	private SessionEngine store;

	private RecordingSessionEngine engine;

	private SessionCookie cookie = new SessionCookie("sessionid", null, "/", false, true, SameSite.LAX);

	private boolean saveEveryRequest;

	private boolean expireAtBrowserClose;

	private @Nullable String headerName;

	@BeforeEach
	void useDbEngineOnH2() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:filter-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		JdbcSessionEngine jdbc = new JdbcSessionEngine(dataSource, codec(SessionCodec.STORED_DATA_SALT), expiry(),
				JdbcSessionEngine.DEFAULT_TABLE);
		jdbc.createTableIfMissing();
		useEngine(jdbc);
	}

	@Test
	void untouchedSessionWithoutCookieSetsNoCookieAndNoVary() throws Exception {
		SetCookieCapturingResponse response = perform(null, (session, res) -> {
		});
		assertThat(response.setCookieHeader()).isNull();
		assertThat(response.getHeader("Vary")).isNull();
		assertThat(this.engine.operations()).isEmpty();
	}

	@Test
	void readWithoutCookieVariesOnCookieButSetsNoCookie() throws Exception {
		SetCookieCapturingResponse response = perform(null, (session, res) -> session.get("visits"));
		assertThat(response.setCookieHeader()).isNull();
		assertThat(response.getHeader("Vary")).isEqualTo("Cookie");
		assertThat(this.engine.operations()).isEmpty();
	}

	@Test
	void writeWithoutCookieCreatesASessionAndSetsItsCookie() throws Exception {
		SetCookieCapturingResponse response = perform(null, (session, res) -> session.set("visits", 1));
		String header = response.setCookieHeader();
		String key = cookieValue(response);
		assertThat(key).matches(KEY);
		assertThat(header).contains("; Max-Age=1209600; Expires=")
			.contains("; Path=/; HttpOnly; SameSite=Lax")
			.doesNotContain("Secure")
			.doesNotContain("Domain");
		assertThat(response.getHeader("Vary")).isEqualTo("Cookie");
		assertThat(this.store.load(key)).containsEntry("visits", 1);
		assertThat(this.engine.operations()).containsExactly("create");
	}

	@Test
	@SuppressWarnings("unchecked")
	void dataGrownPastTheBoundInPlaceAnswers500WithTheReasonAndIsNotSaved() throws Exception {
		String key = createSession(Map.of("list", List.of("a")));
		SetCookieCapturingResponse response = perform(key, (session, res) -> {
			((List<Object>) session.get("list")).add("b".repeat(SessionCodec.DEFAULT_MAX_DATA_SIZE));
			session.setModified(true);
		});
		assertThat(response.getStatus()).isEqualTo(500);
		assertThat(response.getContentAsString()).contains("session.max-data-size")
			.contains("not saved")
			.doesNotContain("Exception");
		assertThat(response.setCookieHeader()).isNull();
		assertThat(this.store.load(key)).containsEntry("list", List.of("a"));
	}

	@Test
	void readsKeepASessionWithAnIdleTimeoutAliveWithAtMostOneWritePerResolution() throws Exception {
		this.idleTimeout = Duration.ofMinutes(30);
		String key = createSession(Map.of("visits", 1));
		View read = (session, res) -> session.get("visits");
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(perform(key, read).setCookieHeader()).isNull();
		assertThat(this.engine.operations()).as("a read within the resolution (one minute)").containsExactly("load");
		this.engine.operations().clear();
		this.clock.advance(Duration.ofSeconds(40));
		SetCookieCapturingResponse refreshed = perform(key, read);
		assertThat(this.engine.operations()).as("a read after it records the activity")
			.containsExactly("load", "update");
		assertThat(cookieValue(refreshed)).isEqualTo(key);
		this.engine.operations().clear();
		this.clock.advance(Duration.ofSeconds(20));
		perform(key, read);
		assertThat(this.engine.operations()).containsExactly("load");
		this.clock.advance(Duration.ofMinutes(29));
		assertThat(this.store.load(key)).as("29 minutes after the last recorded activity").isNotNull();
		List<Object> seen = new ArrayList<>();
		perform(key, (session, res) -> seen.add(session.get("visits")));
		assertThat(seen).containsExactly(1);
		this.clock.advance(Duration.ofMinutes(31));
		seen.clear();
		SetCookieCapturingResponse idle = perform(key, (session, res) -> seen.add(session.get("visits")));
		assertThat(seen).as("idle for 31 minutes").containsExactly((Object) null);
		assertThat(idle.setCookieHeader()).as("the cookie of an idle session is deleted").contains("Max-Age=0");
	}

	@Test
	void withoutAnIdleTimeoutReadsNeverWrite() throws Exception {
		String key = createSession(Map.of("visits", 1));
		this.clock.advance(Duration.ofDays(1));
		perform(key, (session, res) -> session.get("visits"));
		assertThat(this.engine.operations()).containsExactly("load");
	}

	@Test
	void twoFirstWritesGetDifferentKeys() throws Exception {
		assertThat(createSession(Map.of("a", 1))).isNotEqualTo(createSession(Map.of("a", 1)));
	}

	@Test
	void untouchedSessionWithValidCookieCostsNoStoreRoundTrip() throws Exception {
		String key = createSession(Map.of("visits", 1));
		SetCookieCapturingResponse response = perform(key, (session, res) -> {
		});
		assertThat(response.setCookieHeader()).isNull();
		assertThat(response.getHeader("Vary")).isNull();
		assertThat(this.engine.operations()).isEmpty();
	}

	@Test
	void untouchedSessionCostsNoStoreRoundTripThroughSpringMvcWhichAsksForItsIdAfterEveryRequest() throws Exception {
		String key = createSession(Map.of("visits", 1));
		try (AnnotationConfigWebApplicationContext context = new AnnotationConfigWebApplicationContext()) {
			context.register(HelloApplication.class);
			context.setServletContext(new MockServletContext());
			context.refresh();
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).addFilters(filter()).build();
			mvc.perform(get("/hello").cookie(new Cookie("sessionid", key)))
				.andExpect(status().isOk())
				.andExpect(header().doesNotExist("Set-Cookie"));
			assertThat(context.getBean(HelloApplication.class).handled).singleElement()
				.satisfies((event) -> assertThat(event.getSessionId()).isIn(key, SessionKeyHash.of(key)));
		}
		assertThat(this.engine.operations()).isEmpty();
	}

	@Test
	void readWithValidCookieReturnsDataWithVaryAndNoCookie() throws Exception {
		String key = createSession(Map.of("visits", 3));
		List<Object> seen = new ArrayList<>();
		SetCookieCapturingResponse response = perform(key, (session, res) -> seen.add(session.get("visits")));
		assertThat(seen).containsExactly(3);
		assertThat(response.setCookieHeader()).isNull();
		assertThat(response.getHeader("Vary")).isEqualTo("Cookie");
		assertThat(this.engine.operations()).containsExactly("load");
	}

	@Test
	void writeWithValidCookieUpdatesTheSessionUnderTheSameKey() throws Exception {
		String key = createSession(Map.of("visits", 1));
		SetCookieCapturingResponse response = perform(key, (session, res) -> session.set("visits", 2));
		assertThat(cookieValue(response)).isEqualTo(key);
		assertThat(response.setCookieHeader()).contains("Max-Age=1209600");
		assertThat(this.store.load(key)).containsEntry("visits", 2);
		assertThat(this.engine.operations()).containsExactly("load", "update");
	}

	@Test
	void storingTheSameValueAgainStillSavesAndSetsTheCookie() throws Exception {
		String key = createSession(Map.of("visits", 1));
		SetCookieCapturingResponse response = perform(key, (session, res) -> session.set("visits", 1));
		assertThat(cookieValue(response)).isEqualTo(key);
	}

	@Test
	void changeInPlaceWithoutMarkingModifiedIsNotSaved() throws Exception {
		String key = createSession(Map.of("list", List.of(1)));
		SetCookieCapturingResponse response = perform(key, (session, res) -> {
			@SuppressWarnings("unchecked")
			List<Object> list = (List<Object>) session.get("list");
			list.add(2);
		});
		assertThat(response.setCookieHeader()).isNull();
		assertThat(this.store.load(key)).containsEntry("list", List.of(1));
	}

	@Test
	void setThenPopOnANewSessionSetsNoCookie() throws Exception {
		SetCookieCapturingResponse response = perform(null, (session, res) -> {
			session.set("a", 1);
			session.pop("a");
		});
		assertThat(response.setCookieHeader()).isNull();
		assertThat(response.getHeader("Vary")).isEqualTo("Cookie");
		assertThat(this.engine.operations()).isEmpty();
	}

	@Test
	void popOfAnAbsentKeyAndSetDefaultOfAPresentKeySetNoCookie() throws Exception {
		String key = createSession(Map.of("a", 1));
		assertThat(perform(key, (session, res) -> session.pop("missing", "default")).setCookieHeader()).isNull();
		assertThat(perform(key, (session, res) -> session.setDefault("a", 2)).setCookieHeader()).isNull();
		assertThat(cookieValue(perform(key, (session, res) -> session.setDefault("b", 2)))).isEqualTo(key);
	}

	@Test
	void removingTheLastKeySavesAnEmptySessionUnderTheSameKey() throws Exception {
		String key = createSession(Map.of("a", 1));
		SetCookieCapturingResponse response = perform(key, (session, res) -> session.pop("a"));
		assertThat(cookieValue(response)).isEqualTo(key);
		assertThat(this.store.load(key)).isEmpty();
		assertThat(perform(key, (session, res) -> session.get("a")).setCookieHeader()).isNull();
	}

	@Test
	void existingVaryIsExtendedOnce() throws Exception {
		SetCookieCapturingResponse response = perform(null, (session, res) -> {
			res.addHeader("Vary", "Accept-Encoding");
			session.set("a", 1);
		});
		assertThat(response.getHeaders("Vary")).containsExactly("Accept-Encoding, Cookie");
	}

	@Test
	void lastOfTwoSessionCookiesIsUsed() throws Exception {
		String first = createSession(Map.of("who", "first"));
		String second = createSession(Map.of("who", "second"));
		List<Object> seen = new ArrayList<>();
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setCookies(new Cookie("sessionid", first), new Cookie("sessionid", second));
		performRequest(request, (session, res) -> seen.add(session.get("who")));
		assertThat(seen).containsExactly("second");
	}

	@Test
	void cookieShorterThanEightCharactersIsDeletedEvenWhenUntouched() throws Exception {
		SetCookieCapturingResponse response = perform("abc", (session, res) -> {
		});
		assertThat(response.setCookieHeader())
			.isEqualTo("sessionid=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/; HttpOnly; SameSite=Lax");
		assertThat(response.getHeader("Vary")).isEqualTo("Cookie");
		assertThat(response.getStatus()).isEqualTo(200);
	}

	@Test
	void cookieShorterThanEightCharactersIsDeletedEvenOnA500() throws Exception {
		SetCookieCapturingResponse response = perform("abc", (session, res) -> res.setStatus(500));
		assertThat(response.setCookieHeader()).startsWith("sessionid=; Max-Age=0;");
	}

	@Test
	void unknownKeyUntouchedSetsNoCookieAndNoVary() throws Exception {
		SetCookieCapturingResponse response = perform(unknownKey(), (session, res) -> {
		});
		assertThat(response.setCookieHeader()).isNull();
		assertThat(response.getHeader("Vary")).isNull();
	}

	@Test
	void unknownKeyReadGivesAnEmptySessionAndDeletesTheCookieWithoutCreatingARecord() throws Exception {
		String unknown = unknownKey();
		List<Object> seen = new ArrayList<>();
		SetCookieCapturingResponse response = perform(unknown, (session, res) -> seen.add(session.keys().size()));
		assertThat(seen).containsExactly(0);
		assertThat(response.setCookieHeader()).startsWith("sessionid=; Max-Age=0;");
		assertThat(this.engine.operations()).containsExactly("load");
		assertThat(this.store.load(unknown)).isNull();
	}

	@Test
	void unknownKeyWriteGetsAFreshServerGeneratedKey() throws Exception {
		String unknown = unknownKey();
		SetCookieCapturingResponse response = perform(unknown, (session, res) -> session.set("a", 1));
		String key = cookieValue(response);
		assertThat(key).matches(KEY).isNotEqualTo(unknown);
		assertThat(this.store.load(unknown)).isNull();
		assertThat(this.store.load(key)).containsEntry("a", 1);
	}

	@Test
	void expiredSessionBehavesAsAnUnknownKey() throws Exception {
		String key = createSession(Map.of("a", 1));
		perform(key, (session, res) -> session.setExpiry(-10));
		List<Object> seen = new ArrayList<>();
		SetCookieCapturingResponse response = perform(key, (session, res) -> seen.add(session.get("a")));
		assertThat(seen).containsOnlyNulls();
		assertThat(response.setCookieHeader()).startsWith("sessionid=; Max-Age=0;");
	}

	@Test
	void writeOnA5xxIsNotSavedAndSetsNoCookieButStillVaries() throws Exception {
		String key = createSession(Map.of("visits", 1));
		for (int status : new int[] { 500, 503 }) {
			SetCookieCapturingResponse response = perform(key, (session, res) -> {
				session.set("visits", 99);
				res.setStatus(status);
			});
			assertThat(response.setCookieHeader()).isNull();
			assertThat(response.getHeader("Vary")).isEqualTo("Cookie");
		}
		assertThat(this.store.load(key)).containsEntry("visits", 1);
		assertThat(perform(null, (session, res) -> {
			session.set("a", 1);
			res.setStatus(500);
		}).setCookieHeader()).isNull();
	}

	@Test
	void writeOnA4xxIsSaved() throws Exception {
		String key = createSession(Map.of("visits", 1));
		SetCookieCapturingResponse response = perform(key, (session, res) -> {
			session.set("visits", 2);
			res.setStatus(404);
		});
		assertThat(cookieValue(response)).isEqualTo(key);
		assertThat(this.store.load(key)).containsEntry("visits", 2);
	}

	@Test
	void flushWithACookieDeletesTheCookieAndTheSession() throws Exception {
		String key = createSession(Map.of("a", 1));
		SetCookieCapturingResponse response = perform(key, (session, res) -> session.flush());
		assertThat(response.setCookieHeader()).startsWith("sessionid=; Max-Age=0;");
		assertThat(response.getHeader("Vary")).isEqualTo("Cookie");
		assertThat(this.store.load(key)).isNull();
		assertThat(perform(key, (session, res) -> session.get("a")).setCookieHeader())
			.startsWith("sessionid=; Max-Age=0;");
	}

	@Test
	void flushWithoutACookieSetsNoCookieButVaries() throws Exception {
		SetCookieCapturingResponse response = perform(null, (session, res) -> session.flush());
		assertThat(response.setCookieHeader()).isNull();
		assertThat(response.getHeader("Vary")).isEqualTo("Cookie");
	}

	@Test
	void cycleKeyMovesTheDataToANewKeyAndKillsTheOldOne() throws Exception {
		String key = createSession(Map.of("a", 1));
		SetCookieCapturingResponse response = perform(key, (session, res) -> session.cycleKey());
		String newKey = cookieValue(response);
		assertThat(newKey).matches(KEY).isNotEqualTo(key);
		assertThat(this.store.load(newKey)).containsEntry("a", 1);
		assertThat(this.store.load(key)).isNull();
	}

	@Test
	void expiryZeroMakesABrowserSessionCookie() throws Exception {
		SetCookieCapturingResponse response = perform(null, (session, res) -> session.setExpiry(0));
		assertThat(response.setCookieHeader()).doesNotContain("Max-Age").doesNotContain("Expires");
	}

	@Test
	void expireAtBrowserCloseAppliesUnlessASessionHasItsOwnExpiry() throws Exception {
		this.expireAtBrowserClose = true;
		assertThat(perform(null, (session, res) -> session.set("a", 1)).setCookieHeader()).doesNotContain("Max-Age");
		assertThat(perform(null, (session, res) -> session.setExpiry(300)).setCookieHeader()).contains("Max-Age=300;");
	}

	@Test
	void customExpiryIsTheCookiesMaxAge() throws Exception {
		assertThat(perform(null, (session, res) -> session.setExpiry(300)).setCookieHeader()).contains("Max-Age=300;");
		assertThat(perform(null, (session, res) -> session.setExpiry(Duration.ofSeconds(120))).setCookieHeader())
			.containsPattern("Max-Age=1(19|20);");
		assertThat(perform(null, (session, res) -> session.setExpiry(-10)).setCookieHeader()).contains("Max-Age=0;");
	}

	@ParameterizedTest
	@MethodSource("hostileExpiries")
	void hostileExpiriesGiveACookieWithinWhatBrowsersKeep(Object storedExpiry) throws Exception {
		assertHostileExpiryIsClamped(storedExpiry);
	}

	static Stream<Object> hostileExpiries() {
		return Stream.of("9999-12-31T23:59:59.999999+00:00", "2400-01-01T00:00:00+00:00", "1700-01-01T00:00:00+00:00",
				"+999999999-12-31T23:59:59+00:00", "-999999999-01-01T00:00:00+00:00", Long.MAX_VALUE, Long.MIN_VALUE,
				1e300, -1e300, new BigInteger("18446744073709551616"));
	}

	private void assertHostileExpiryIsClamped(Object storedExpiry) throws Exception {
		SetCookieCapturingResponse response = perform(null, (session, res) -> {
			session.set("a", 1);
			session.set(SessionExpiry.EXPIRY_KEY, storedExpiry);
		});
		assertThat(response.getStatus()).isEqualTo(200);
		String header = response.setCookieHeader();
		Matcher maxAge = Pattern.compile("; Max-Age=(\\d+); Expires=([^;]+);").matcher(header);
		assertThat(maxAge.find()).as(header).isTrue();
		long seconds = Long.parseLong(maxAge.group(1));
		assertThat(seconds).as(header).isBetween(0L, SessionCookie.MAX_AGE.toSeconds());
		assertThat(maxAge.group(2)).as(header)
			.matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
		String key = cookieValue(response);
		List<Object> seen = new ArrayList<>();
		SetCookieCapturingResponse next = perform(key, (session, res) -> {
			seen.add(session.get("a"));
			session.set("b", 2);
		});
		assertThat(next.getStatus()).isEqualTo(200);
		assertThat(seen).containsExactly((seconds > 0) ? 1 : null);
	}

	@Test
	void clearingACustomExpiryBringsBackTheDefaultMaxAge() throws Exception {
		String key = cookieValue(perform(null, (session, res) -> session.setExpiry(300)));
		assertThat(perform(key, (session, res) -> session.clearExpiry()).setCookieHeader())
			.contains("Max-Age=1209600;");
	}

	@Test
	void saveEveryRequestResavesAnUntouchedSessionAndVaries() throws Exception {
		String key = createSession(Map.of("a", 1));
		this.saveEveryRequest = true;
		SetCookieCapturingResponse response = perform(key, (session, res) -> {
		});
		assertThat(cookieValue(response)).isEqualTo(key);
		assertThat(response.setCookieHeader()).contains("Max-Age=1209600");
		assertThat(response.getHeader("Vary")).isEqualTo("Cookie");
		assertThat(this.engine.operations()).containsExactly("load", "update");
	}

	@Test
	void saveEveryRequestWithoutACookieAndUntouchedSetsNothing() throws Exception {
		this.saveEveryRequest = true;
		SetCookieCapturingResponse response = perform(null, (session, res) -> {
		});
		assertThat(response.setCookieHeader()).isNull();
		assertThat(this.engine.operations()).isEmpty();
	}

	@Test
	void saveEveryRequestNeverTurnsABogusCookieIntoANewSession() throws Exception {
		this.saveEveryRequest = true;
		SetCookieCapturingResponse response = perform(unknownKey(), (session, res) -> {
		});
		assertThat(response.setCookieHeader()).startsWith("sessionid=; Max-Age=0;");
		assertThat(this.engine.operations()).containsExactly("load");
	}

	@Test
	void sessionDeletedByAnotherRequestMidRequestGivesA400WithoutCookie() throws Exception {
		String key = createSession(Map.of("a", 1));
		SetCookieCapturingResponse response = perform(key, (session, res) -> {
			session.set("a", 2);
			this.store.delete(key);
			res.getWriter().write("body the view wrote");
		});
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getContentAsString()).contains("session was deleted before the request completed");
		assertThat(response.setCookieHeader()).isNull();
		assertThat(this.store.load(key)).isNull();
	}

	@Test
	void saveThatMeetsAConcurrentRequestsSaveKeepsBothChanges() throws Exception {
		String key = createSession(Map.of("a", 1));
		SetCookieCapturingResponse response = perform(key, (session, res) -> {
			session.set("mine", true);
			// another request saves the session meanwhile
			Session other = factory().open(key);
			other.set("theirs", true);
			other.save();
		});
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(this.store.load(key)).containsEntry("a", 1)
			.containsEntry("mine", true)
			.containsEntry("theirs", true);
	}

	@Test
	void sessionThatConcurrentRequestsKeepChangingGivesA409WithoutCookieAndSavesNothing() throws Exception {
		String key = createSession(Map.of("a", 1));
		SessionEngine jdbc = this.store;
		useEngine(new RecordingSessionEngine(jdbc) {

			@Override
			public SaveResult compareAndSave(String sessionKey, Map<String, @Nullable Object> data, Instant expiresAt,
					Object expectedVersion) {
				// another request saves just before each try
				Session other = new SessionFactory(jdbc, expiry(), SessionMiddlewareFilterTests.this.serializer)
					.open(sessionKey);
				other.set("theirs", ThreadLocalRandom.current().nextInt());
				other.save();
				return super.compareAndSave(sessionKey, data, expiresAt, expectedVersion);
			}

		});
		SessionFactory factory = factory();
		SetCookieCapturingResponse response = perform(factory, key, (session, res) -> session.set("mine", true));
		assertThat(response.getStatus()).isEqualTo(409);
		assertThat(response.getContentAsString()).contains("changed by concurrent requests")
			.contains("Nothing was saved");
		assertThat(response.setCookieHeader()).isNull();
		assertThat(this.store.load(key)).doesNotContainKey("mine").containsKey("theirs");
		assertThat(factory.getFailedSaves()).isOne();
		assertThat(factory.getSaveConflicts()).isEqualTo(32);
	}

	@Test
	void cookieSettingsApplyToTheSetAndTheDeleteCookie() throws Exception {
		this.cookie = new SessionCookie("sid", ".example.local", "/example/", true, false, SameSite.STRICT);
		SetCookieCapturingResponse set = perform(null, (session, res) -> session.set("a", 1));
		assertThat(set.setCookieHeader()).startsWith("sid=")
			.endsWith("; Domain=.example.local; Path=/example/; Secure; SameSite=Strict");
		String key = set.setCookieHeader().substring(4, 36);
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setCookies(new Cookie("sid", key));
		SetCookieCapturingResponse deleted = performRequest(request, (session, res) -> session.flush());
		assertThat(deleted.setCookieHeader()).isEqualTo("sid=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; "
				+ "Domain=.example.local; Path=/example/; Secure; SameSite=Strict");
	}

	@Test
	void applicationExceptionSavesNothingAndIsRethrown() throws Exception {
		String key = createSession(Map.of("a", 1));
		MockHttpServletRequest request = requestWithCookie(key);
		SetCookieCapturingResponse response = new SetCookieCapturingResponse();
		assertThatIllegalStateException().isThrownBy(() -> filter().doFilter(request, response, (req, res) -> {
			RequestSession.get(req).set("a", 2);
			throw new IllegalStateException("boom");
		})).withMessage("boom");
		assertThat(response.setCookieHeader()).isNull();
		assertThat(this.store.load(key)).containsEntry("a", 1);
	}

	@Test
	void asyncRequestIsCommittedWhenItsAsyncDispatchCompletes() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setAsyncSupported(true);
		SetCookieCapturingResponse response = new SetCookieCapturingResponse();
		SessionMiddlewareFilter filter = filter();
		filter.doFilter(request, response, (req, res) -> {
			RequestSession.get(req).set("a", 1);
			req.startAsync();
		});
		assertThat(response.setCookieHeader()).isNull();
		request.setDispatcherType(DispatcherType.ASYNC);
		request.setAsyncStarted(false);
		filter.doFilter(request, response, (req, res) -> RequestSession.get(req).set("b", 2));
		String key = cookieValue(response);
		assertThat(response.setCookieHeaders()).hasSize(1);
		assertThat(this.store.load(key)).containsEntry("a", 1).containsEntry("b", 2);
	}

	@Test
	void requestSessionOutsideTheFilterFailsClearly() {
		assertThatIllegalStateException().isThrownBy(() -> RequestSession.get(new MockHttpServletRequest()))
			.withMessageContaining("SessionMiddlewareFilter");
	}

	private void useEngine(SessionEngine engine) {
		this.store = engine;
		this.engine = new RecordingSessionEngine(engine);
	}

	private SessionCodec codec(String salt) {
		return new SessionCodec(this.serializer, new TimestampSigner(SECRET, List.of(), salt, this.clock));
	}

	private SessionExpiry expiry() {
		return new SessionExpiry(Duration.ofSeconds(1209600), this.expireAtBrowserClose, this.clock);
	}

	private SessionFactory factory() {
		SessionFactory factory = new SessionFactory(this.engine, expiry(), this.serializer);
		factory.setIdleTimeout(this.idleTimeout, null);
		return factory;
	}

	private SessionMiddlewareFilter filter() {
		return filter(factory());
	}

	private SessionMiddlewareFilter filter(SessionFactory factory) {
		return new SessionMiddlewareFilter(
				new SessionMiddleware(factory, this.cookie, this.saveEveryRequest, this.headerName));
	}

	private String createSession(Map<String, Object> data) throws Exception {
		String key = cookieValue(perform(null, (session, res) -> session.update(data)));
		this.engine.operations().clear();
		return key;
	}

	private String unknownKey() {
		return "unknownkey" + Long.toString(Instant.now().toEpochMilli(), 36) + "0000000000000";
	}

	private SetCookieCapturingResponse perform(@Nullable String cookieValue, View view) throws Exception {
		return performRequest((cookieValue != null) ? requestWithCookie(cookieValue) : new MockHttpServletRequest(),
				view);
	}

	private SetCookieCapturingResponse perform(SessionFactory factory, String cookieValue, View view) throws Exception {
		return performRequest(filter(factory), requestWithCookie(cookieValue), view);
	}

	private SetCookieCapturingResponse performRequest(MockHttpServletRequest request, View view) throws Exception {
		return performRequest(filter(), request, view);
	}

	private SetCookieCapturingResponse performRequest(SessionMiddlewareFilter filter, MockHttpServletRequest request,
			View view) throws Exception {
		SetCookieCapturingResponse response = new SetCookieCapturingResponse();
		filter.doFilter(request, response,
				(req, res) -> view.handle(RequestSession.get(req), (HttpServletResponse) res));
		return response;
	}

	private MockHttpServletRequest requestWithCookie(String value) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setCookies(new Cookie(this.cookie.name(), value));
		return request;
	}

	private static String cookieValue(SetCookieCapturingResponse response) {
		String header = response.setCookieHeader();
		assertThat(header).as("Set-Cookie").isNotNull();
		Matcher matcher = SET_COOKIE_VALUE.matcher(header);
		assertThat(matcher.find()).as("a sessionid cookie in %s", header).isTrue();
		return matcher.group(1);
	}

	@Nested
	class EarlyCommit {

		@Test
		void flushBufferSavesAndSetsTheCookieBeforeTheResponseCommits() throws Exception {
			SetCookieCapturingResponse response = perform(null, (session, res) -> {
				session.set("a", 1);
				res.flushBuffer();
				session.set("after", "commit");
			});
			assertThat(response.isCommitted()).isTrue();
			assertThat(response.setCookieHeaders()).hasSize(1);
			String key = cookieValue(response);
			assertThat(SessionMiddlewareFilterTests.this.store.load(key)).containsOnlyKeys("a");
			assertThat(SessionMiddlewareFilterTests.this.engine.operations()).containsExactly("create");
		}

		@Test
		void bodyLargerThanTheBufferSetsTheCookieBeforeTheFirstBytesGoOut() throws Exception {
			SetCookieCapturingResponse response = perform(null, (session, res) -> {
				session.set("a", 1);
				res.setBufferSize(1024);
				res.getOutputStream().write(new byte[4000]);
			});
			assertThat(response.setCookieHeaders()).hasSize(1);
		}

		@Test
		void writerOutputLargerThanTheBufferSetsTheCookie() throws Exception {
			this.writer((writer) -> writer.print("é".repeat(600)));
		}

		@Test
		void writerFlushSetsTheCookie() throws Exception {
			this.writer(PrintWriter::flush);
		}

		@Test
		void bodyReachingItsContentLengthSetsTheCookie() throws Exception {
			SetCookieCapturingResponse response = perform(null, (session, res) -> {
				session.set("a", 1);
				res.setContentLength(5);
				res.getOutputStream().write("hello".getBytes());
			});
			assertThat(response.setCookieHeaders()).hasSize(1);
		}

		@Test
		void redirectSetsTheCookie() throws Exception {
			SetCookieCapturingResponse response = perform(null, (session, res) -> {
				session.set("a", 1);
				res.sendRedirect("/next");
			});
			assertThat(response.getRedirectedUrl()).isEqualTo("/next");
			assertThat(response.setCookieHeaders()).hasSize(1);
		}

		@Test
		void sendErrorWithA5xxSavesNothing() throws Exception {
			String key = createSession(Map.of("a", 1));
			SetCookieCapturingResponse response = perform(key, (session, res) -> {
				session.set("a", 2);
				res.sendError(503);
			});
			assertThat(response.getStatus()).isEqualTo(503);
			assertThat(response.setCookieHeader()).isNull();
			assertThat(SessionMiddlewareFilterTests.this.store.load(key)).containsEntry("a", 1);
		}

		@Test
		void sendErrorWithA4xxSavesTheSession() throws Exception {
			SetCookieCapturingResponse response = perform(null, (session, res) -> {
				session.set("a", 1);
				res.sendError(404);
			});
			assertThat(response.setCookieHeaders()).hasSize(1);
		}

		private void writer(ThrowingConsumer<PrintWriter> action) throws Exception {
			SetCookieCapturingResponse response = perform(null, (session, res) -> {
				session.set("a", 1);
				res.setBufferSize(1024);
				action.accept(res.getWriter());
			});
			assertThat(response.setCookieHeaders()).hasSize(1);
		}

	}

	@Nested
	class HeaderTransport {

		@BeforeEach
		void useAHeader() {
			SessionMiddlewareFilterTests.this.headerName = "X-Session-Key";
		}

		@Test
		void aNewSessionsKeyIsSentInTheHeaderToo() throws Exception {
			SetCookieCapturingResponse response = perform(null, (session, res) -> session.set("a", 1));
			assertThat(response.getHeader("X-Session-Key")).isEqualTo(cookieValue(response)).matches(KEY);
			assertThat(response.getHeader("Vary")).isEqualTo("Cookie, X-Session-Key");
		}

		@Test
		void theHeaderCarriesTheKeyWithoutACookieAndWinsOverIt() throws Exception {
			String key = createSession(Map.of("who", "header"));
			String other = createSession(Map.of("who", "cookie"));
			MockHttpServletRequest request = requestWithCookie(other);
			request.addHeader("X-Session-Key", key);
			List<Object> seen = new ArrayList<>();
			performRequest(request, (session, res) -> seen.add(session.get("who")));
			assertThat(seen).containsExactly("header");
		}

		@Test
		void aDeletedSessionClearsTheHeader() throws Exception {
			String key = createSession(Map.of("a", 1));
			MockHttpServletRequest request = new MockHttpServletRequest();
			request.addHeader("X-Session-Key", key);
			SetCookieCapturingResponse response = performRequest(request, (session, res) -> session.flush());
			assertThat(response.getHeader("X-Session-Key")).isEmpty();
			assertThat(SessionMiddlewareFilterTests.this.store.load(key)).isNull();
		}

		@Test
		void withoutAConfiguredHeaderTheHeaderIsIgnored() throws Exception {
			SessionMiddlewareFilterTests.this.headerName = null;
			String key = createSession(Map.of("a", 1));
			MockHttpServletRequest request = new MockHttpServletRequest();
			request.addHeader("X-Session-Key", key);
			List<Object> seen = new ArrayList<>();
			SetCookieCapturingResponse response = performRequest(request, (session, res) -> seen.add(session.get("a")));
			assertThat(seen).containsOnlyNulls();
			assertThat(response.getHeader("X-Session-Key")).isNull();
		}

	}

	@Nested
	class StoreOutage {

		private final AtomicBoolean down = new AtomicBoolean();

		@BeforeEach
		void useAStoreThatCanGoDown() {
			SessionEngine healthy = SessionMiddlewareFilterTests.this.store;
			useEngine(new SessionEngine() {

				@Override
				public @Nullable Map<String, @Nullable Object> load(String key) {
					check();
					return healthy.load(key);
				}

				@Override
				public String save(String key, Map<String, @Nullable Object> data, Instant expiresAt,
						boolean mustCreate) {
					check();
					return healthy.save(key, data, expiresAt, mustCreate);
				}

				@Override
				public void delete(String key) {
					check();
					healthy.delete(key);
				}

				@Override
				public OptionalLong clearExpired() {
					return healthy.clearExpired();
				}

				private void check() {
					if (StoreOutage.this.down.get()) {
						throw new SessionStoreUnavailableException("store down", new IllegalStateException());
					}
				}

			});
		}

		@Test
		void readDuringAnOutageAnswers503AndKeepsTheCookie() throws Exception {
			String key = createSession(Map.of("visits", 1));
			this.down.set(true);
			SetCookieCapturingResponse response = perform(key, (session, res) -> {
				session.get("visits");
				res.getWriter().write("VIEW-BODY");
			});
			assertThat(response.getStatus()).isEqualTo(503);
			assertThat(response.getContentAsString()).contains("session store is unavailable")
				.doesNotContain("VIEW-BODY");
			assertThat(response.setCookieHeader()).isNull();
		}

		@Test
		void saveDuringAnOutageAnswers503AndChangesNothing() throws Exception {
			String key = createSession(Map.of("visits", 1));
			SetCookieCapturingResponse response = perform(key, (session, res) -> {
				session.set("visits", 2);
				this.down.set(true);
			});
			assertThat(response.getStatus()).isEqualTo(503);
			assertThat(response.setCookieHeader()).isNull();
			this.down.set(false);
			assertThat(SessionMiddlewareFilterTests.this.store.load(key)).containsEntry("visits", 1);
		}

		@Test
		void theNextRequestAfterTheStoreReturnsWorks() throws Exception {
			String key = createSession(Map.of("visits", 1));
			this.down.set(true);
			assertThat(perform(key, (session, res) -> session.set("visits", 2)).getStatus()).isEqualTo(503);
			this.down.set(false);
			SetCookieCapturingResponse response = perform(key, (session, res) -> session.set("visits", 2));
			assertThat(response.getStatus()).isEqualTo(200);
			assertThat(cookieValue(response)).isEqualTo(key);
			assertThat(SessionMiddlewareFilterTests.this.store.load(key)).containsEntry("visits", 2);
		}

	}

	@Nested
	@ExtendWith(OutputCaptureExtension.class)
	class SignedCookies {

		@BeforeEach
		void useSignedCookieEngine() {
			useEngine(new SignedCookieSessionEngine(codec(SignedCookieSessionEngine.SALT), expiry()));
		}

		@Test
		void dataTravelsInTheCookie() throws Exception {
			String token = cookieValue(perform(null, (session, res) -> session.set("visits", 1)));
			assertThat(token).matches("^\\.?[A-Za-z0-9_-]+:[0-9A-Za-z]+:[A-Za-z0-9_-]{43}$");
			List<Object> seen = new ArrayList<>();
			SetCookieCapturingResponse read = perform(token, (session, res) -> seen.add(session.get("visits")));
			assertThat(seen).containsExactly(1);
			assertThat(read.setCookieHeader()).isNull();
		}

		@Test
		void readOfACookieUnderAnOlderRingKeySetsACookieUnderTheCurrentKey() throws Exception {
			SigningKeyRing ring = new SigningKeyRing(List.of(SigningKey.of("old", OLD_SECRET),
					new SigningKey("new", SECRET, SessionMiddlewareFilterTests.this.clock.instant(), null, false)),
					Duration.ofDays(14));
			useEngine(
					new SignedCookieSessionEngine(
							new SessionCodec(SessionMiddlewareFilterTests.this.serializer, new TimestampSigner(ring,
									SignedCookieSessionEngine.SALT, SessionMiddlewareFilterTests.this.clock)),
							expiry()));
			String oldToken = signer(OLD_SECRET).sign("{\"visits\":1}".getBytes(StandardCharsets.UTF_8));
			List<Object> seen = new ArrayList<>();
			String newToken = cookieValue(perform(oldToken, (session, res) -> seen.add(session.get("visits"))));
			assertThat(seen).containsExactly(1);
			assertThat(new String(signer(SECRET).unsign(newToken, 4096).data(), StandardCharsets.UTF_8))
				.contains("\"visits\":1");
		}

		@Test
		void readOfACookieUnderADjangoFallbackKeySetsNoCookieAsInDjango() throws Exception {
			useEngine(new SignedCookieSessionEngine(new SessionCodec(SessionMiddlewareFilterTests.this.serializer,
					new TimestampSigner(SECRET, List.of(OLD_SECRET), SignedCookieSessionEngine.SALT,
							SessionMiddlewareFilterTests.this.clock)),
					expiry()));
			String oldToken = signer(OLD_SECRET).sign("{\"visits\":1}".getBytes(StandardCharsets.UTF_8));
			List<Object> seen = new ArrayList<>();
			SetCookieCapturingResponse read = perform(oldToken, (session, res) -> seen.add(session.get("visits")));
			assertThat(seen).containsExactly(1);
			assertThat(read.setCookieHeader()).isNull();
		}

		@Test
		void encryptedSessionTooLargeForACookieFailsClearly() throws Exception {
			SigningKeyRing ring = SigningKeyRing.of(SECRET, List.of());
			useEngine(new SignedCookieSessionEngine(new SessionCodec(SessionMiddlewareFilterTests.this.serializer,
					new TimestampSigner(ring, SignedCookieSessionEngine.SALT, SessionMiddlewareFilterTests.this.clock),
					new TokenCipher(ring, SignedCookieSessionEngine.SALT, SessionMiddlewareFilterTests.this.clock),
					true, 4096), expiry()));
			String small = cookieValue(perform(null, (session, res) -> session.set("visits", 1)));
			assertThat(small).startsWith(TokenCipher.PREFIX);
			// fits the 4096-byte data bound, but not a cookie once encrypted
			SetCookieCapturingResponse response = perform(null, (session, res) -> session.set("big", randomText(3200)));
			assertThat(response.getStatus()).isEqualTo(500);
			assertThat(response.getContentAsString()).contains("4096-byte limit");
			assertThat(response.setCookieHeader()).isNull();
		}

		private TimestampSigner signer(String secret) {
			return new TimestampSigner(secret, List.of(), SignedCookieSessionEngine.SALT,
					SessionMiddlewareFilterTests.this.clock);
		}

		@Test
		void tamperedCookieIsDeletedNotReissued() throws Exception {
			String token = cookieValue(perform(null, (session, res) -> session.set("visits", 1)));
			String tampered = "e30" + token.substring(token.indexOf(':'));
			List<Object> seen = new ArrayList<>();
			SetCookieCapturingResponse response = perform(tampered, (session, res) -> seen.add(session.get("visits")));
			assertThat(seen).containsOnlyNulls();
			assertThat(response.getStatus()).isEqualTo(200);
			assertThat(response.setCookieHeader()).startsWith("sessionid=; Max-Age=0;");
		}

		@Test
		void sessionTooLargeForACookieFailsClearlyAndEmitsNoCookie() throws Exception {
			SetCookieCapturingResponse response = perform(null, (session, res) -> {
				session.set("big", randomText(6000));
				res.getWriter().write("VIEW-BODY");
			});
			assertThat(response.getStatus()).isEqualTo(500);
			assertThat(response.getContentAsString()).contains("4096-byte limit").doesNotContain("VIEW-BODY");
			assertThat(response.setCookieHeader()).isNull();
		}

		@Test
		void sessionTooLargeForACookieFailsClearlyWhenTheResponseCommitsEarly() throws Exception {
			String big = randomText(6000);
			SetCookieCapturingResponse response = perform(null, (session, res) -> {
				session.set("big", big);
				res.flushBuffer();
			});
			assertThat(response.getStatus()).isEqualTo(500);
			assertThat(response.getContentAsString()).contains("4096-byte limit");
			assertThat(response.setCookieHeader()).isNull();
		}

		@Test
		void sessionTooLargeForACookieNamesTheSizeAndTheLimitAndIsLogged(CapturedOutput output) throws Exception {
			SetCookieCapturingResponse response = perform(null, (session, res) -> session.set("big", randomText(6000)));
			assertThat(response.getStatus()).isEqualTo(500);
			assertThat(response.getContentType()).isEqualTo("text/plain;charset=UTF-8");
			assertThat(response.getContentAsString())
				.matches("The session cookie would be \\d{4} bytes, over the "
						+ "4096-byte limit browsers accept, so it was not sent\\..*")
				.doesNotContain("Exception")
				.doesNotContain("\tat ");
			assertThat(output)
				.containsPattern("WARN .*The session cookie would be \\d{4} bytes, over the 4096-byte limit");
		}

		@Test
		void sessionTooLargeForACookieFailsClearlyWhenTheApplicationCatchesTheFailureAndSendsAnError()
				throws Exception {
			// as Spring MVC does when a failed write reaches it wrapped in another
			// exception
			SetCookieCapturingResponse response = perform(null, (session, res) -> {
				session.set("big", randomText(6000));
				try {
					res.flushBuffer();
				}
				catch (SessionCookieTooLargeException ex) {
					res.sendError(500);
				}
			});
			assertThat(response.getStatus()).isEqualTo(500);
			assertThat(response.getContentAsString()).contains("4096-byte limit");
			assertThat(response.setCookieHeader()).isNull();
		}

		@Test
		void sessionTooLargeForACookieFailsClearlyWhenTheApplicationCatchesTheFailureAndWritesABody() throws Exception {
			SetCookieCapturingResponse response = perform(null, (session, res) -> {
				session.set("big", randomText(6000));
				try {
					res.flushBuffer();
				}
				catch (SessionCookieTooLargeException ex) {
					// an application that swallows the failure would silently lose the
					// session
				}
				res.getWriter().write("VIEW-BODY");
				res.flushBuffer();
			});
			assertThat(response.getStatus()).isEqualTo(500);
			assertThat(response.getContentAsString()).contains("4096-byte limit").doesNotContain("VIEW-BODY");
			assertThat(response.setCookieHeader()).isNull();
		}

		@ParameterizedTest
		@MethodSource("io.sessionengines.web.servlet.SessionMiddlewareFilterTests#hostileExpiries")
		void hostileExpiriesGiveACookieWithinWhatBrowsersKeep(Object storedExpiry) throws Exception {
			assertHostileExpiryIsClamped(storedExpiry);
		}

		@Test
		void flushDeletesTheCookie() throws Exception {
			String token = cookieValue(perform(null, (session, res) -> session.set("visits", 1)));
			assertThat(perform(token, (session, res) -> session.flush()).setCookieHeader())
				.startsWith("sessionid=; Max-Age=0;");
		}

		private static String randomText(int length) {
			StringBuilder text = new StringBuilder();
			Random generator = new Random(7);
			while (text.length() < length) {
				text.append(Long.toString(generator.nextLong(), 36));
			}
			return text.toString();
		}

	}

	/**
	 * A Spring MVC application with one endpoint that never uses the session, which
	 * records Spring MVC's request-handled events; its flash attributes are in the
	 * session, as the starter sets it up.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableWebMvc
	@RestController
	static class HelloApplication {

		final List<ServletRequestHandledEvent> handled = new ArrayList<>();

		@Bean
		SessionFlashMapManager flashMapManager() {
			return new SessionFlashMapManager(new SessionCookie("sessionid", null, "/", false, true, SameSite.LAX));
		}

		@GetMapping("/hello")
		String hello() {
			return "ok";
		}

		@EventListener
		void onRequestHandled(ServletRequestHandledEvent event) {
			this.handled.add(event);
		}

	}

	@FunctionalInterface
	interface View {

		void handle(Session session, HttpServletResponse response) throws IOException, ServletException;

	}

	@FunctionalInterface
	interface ThrowingConsumer<T> {

		void accept(T value) throws IOException;

	}

}
