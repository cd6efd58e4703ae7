package io.sessionengines.web.servlet;

import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.db.JdbcSessionEngine;
import io.sessionengines.serializer.JavaSessionSerializer;
import io.sessionengines.serializer.JsonSessionSerializer;
import io.sessionengines.serializer.SessionSerializer;
import io.sessionengines.session.SessionFactory;
import io.sessionengines.signing.TimestampSigner;
import io.sessionengines.web.SameSite;
import io.sessionengines.web.SessionCookie;
import io.sessionengines.web.SessionMiddleware;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;
import org.h2.jdbcx.JdbcDataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.util.WebUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link SessionRequestWrapper} and {@link EngineHttpSession}: the servlet
 * {@link HttpSession} API over the engine-backed session.
 *
 * @author Session Engines contributors
 */
class SessionRequestWrapperTests {

	private static final Pattern SESSION_COOKIE = Pattern.compile("^sessionid=([^;]*)");

	private static final List<String> events = Collections.synchronizedList(new ArrayList<>());

	private JdbcSessionEngine store;

	private RecordingSessionEngine recorded;

	private SessionMiddlewareFilter filter;

	@BeforeEach
	void setUp() {
		// JDK serialization, so that listener objects can be stored
		use(new JavaSessionSerializer());
		events.clear();
	}

	private void use(SessionSerializer serializer) {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:wrapper-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		Clock clock = Clock.systemUTC();
		SessionExpiry expiry = new SessionExpiry(Duration.ofSeconds(1209600), false, clock);
		this.store = new JdbcSessionEngine(dataSource,
				new SessionCodec(serializer, new TimestampSigner("a-test-secret-key-that-is-long-enough-0123456789",
						List.of(), SessionCodec.STORED_DATA_SALT, clock)),
				expiry, JdbcSessionEngine.DEFAULT_TABLE);
		this.store.createTableIfMissing();
		this.recorded = new RecordingSessionEngine(this.store);
		SessionFactory factory = new SessionFactory(this.recorded, expiry, serializer);
		this.filter = new SessionMiddlewareFilter(new SessionMiddleware(factory,
				new SessionCookie("sessionid", null, "/", false, true, SameSite.LAX), false));
	}

	@Test
	void noCookieMeansNoSession() throws Exception {
		SetCookieCapturingResponse response = perform(null,
				(request) -> assertThat(request.getSession(false)).isNull());
		assertThat(response.setCookieHeader()).isNull();
	}

	@Test
	void getSessionAloneStoresNothing() throws Exception {
		SetCookieCapturingResponse response = perform(null, (request) -> {
			HttpSession session = request.getSession();
			assertThat(session.isNew()).isTrue();
			assertThat(session.getId()).isEmpty();
			assertThat(request.getSession(false)).isSameAs(session);
		});
		assertThat(response.setCookieHeader()).isNull();
	}

	@Test
	void attributesAreSessionEntries() throws Exception {
		String key = createSession("user", "alice");
		perform(key, (request) -> {
			HttpSession session = request.getSession(false);
			assertThat(session).isNotNull();
			assertThat(session.getId()).isEqualTo(key);
			assertThat(session.isNew()).isFalse();
			assertThat(session.getAttribute("user")).isEqualTo("alice");
			assertThat(Collections.list(session.getAttributeNames())).containsExactly("user");
			assertThat(RequestSession.get(request).get("user")).isEqualTo("alice");
		});
	}

	@Test
	void askingForTheSessionAndItsIdReadsNothingUntilItsDataIsUsed() throws Exception {
		String key = createSession("user", "alice");
		this.recorded.operations().clear();
		SetCookieCapturingResponse response = perform(key, (request) -> {
			HttpSession session = request.getSession(false);
			assertThat(session).isNotNull();
			assertThat(session.getId()).isEqualTo(key);
			assertThat(session.isNew()).isFalse();
			assertThat(request.getRequestedSessionId()).isEqualTo(key);
			assertThat(request.isRequestedSessionIdFromCookie()).isTrue();
			// what Spring MVC's request-handled event asks after every request
			assertThat(WebUtils.getSessionId(request)).isEqualTo(key);
			assertThat(this.recorded.operations()).isEmpty();
			assertThat(session.getAttribute("user")).isEqualTo("alice");
			assertThat(this.recorded.operations()).containsExactly("load");
		});
		assertThat(response.setCookieHeader()).isNull();
		assertThat(this.recorded.operations()).containsExactly("load");
	}

	@Test
	void anUnreadSessionWhoseKeyNamesNoLiveSessionTurnsOutNewAndEmptyWhenUsed() throws Exception {
		String unknown = "unknownkey0123456789abcdefghijkl";
		SetCookieCapturingResponse response = perform(unknown, (request) -> {
			HttpSession session = request.getSession(false);
			assertThat(session).isNotNull();
			assertThat(session.getId()).isEqualTo(unknown);
			assertThat(this.recorded.operations()).isEmpty();
			assertThat(session.getAttribute("user")).isNull();
			assertThat(session.isNew()).isTrue();
			assertThat(session.getId()).isEmpty();
			assertThat(request.getSession(false)).isSameAs(session);
		});
		assertThat(response.setCookieHeader()).startsWith("sessionid=; Max-Age=0;");
		assertThat(this.store.load(unknown)).isNull();
	}

	@Test
	void setAttributeNullRemovesIt() throws Exception {
		String key = createSession("user", "alice");
		perform(key, (request) -> request.getSession().setAttribute("user", null));
		assertThat(this.store.load(key)).doesNotContainKey("user");
	}

	@Test
	void requestedSessionIdIsTheCookieAndIsValidOnlyForALiveSession() throws Exception {
		String key = createSession("user", "alice");
		perform(key, (request) -> {
			assertThat(request.getRequestedSessionId()).isEqualTo(key);
			assertThat(request.isRequestedSessionIdValid()).isTrue();
			assertThat(request.isRequestedSessionIdFromCookie()).isTrue();
			assertThat(request.isRequestedSessionIdFromURL()).isFalse();
		});
		String unknown = "unknownkey0123456789abcdefghijkl";
		perform(unknown, (request) -> {
			assertThat(request.getRequestedSessionId()).isEqualTo(unknown);
			assertThat(request.isRequestedSessionIdValid()).isFalse();
			assertThat(request.getSession(false)).isNull();
		});
		perform(null, (request) -> assertThat(request.getRequestedSessionId()).isNull());
	}

	@Test
	void changeSessionIdCyclesTheKey() throws Exception {
		String key = createSession("user", "alice");
		List<String> ids = new ArrayList<>();
		SetCookieCapturingResponse response = perform(key, (request) -> ids.add(request.changeSessionId()));
		assertThat(ids.get(0)).isNotEqualTo(key).isEqualTo(cookieValue(response));
		assertThat(this.store.load(key)).isNull();
		assertThat(this.store.load(ids.get(0))).containsEntry("user", "alice");
	}

	@Test
	void changeSessionIdWithoutASessionFails() throws Exception {
		perform(null, (request) -> assertThatIllegalStateException().isThrownBy(request::changeSessionId));
	}

	@Test
	void invalidateFlushesAndDeletesTheCookie() throws Exception {
		String key = createSession("user", "alice");
		SetCookieCapturingResponse response = perform(key, (request) -> {
			HttpSession session = request.getSession();
			session.invalidate();
			assertThatIllegalStateException().isThrownBy(() -> session.getAttribute("user"));
			assertThat(request.getSession(false)).isNull();
			assertThat(request.getSession(true)).isNotSameAs(session);
		});
		assertThat(response.setCookieHeader()).startsWith("sessionid=; Max-Age=0;");
		assertThat(this.store.load(key)).isNull();
	}

	@Test
	void maxInactiveIntervalIsTheSessionsExpiry() throws Exception {
		SetCookieCapturingResponse response = perform(null, (request) -> {
			HttpSession session = request.getSession();
			session.setMaxInactiveInterval(300);
			assertThat(session.getMaxInactiveInterval()).isEqualTo(300);
		});
		assertThat(response.setCookieHeader()).contains("Max-Age=300;");
		SetCookieCapturingResponse never = perform(null, (request) -> request.getSession().setMaxInactiveInterval(0));
		assertThat(never.setCookieHeader()).containsPattern("Max-Age=(34559999|34560000);");
	}

	@Test
	void creationAndLastAccessTimesAreNotInTheFuture() throws Exception {
		long before = System.currentTimeMillis();
		perform(null, (request) -> {
			HttpSession session = request.getSession();
			assertThat(session.getCreationTime()).isBetween(before, System.currentTimeMillis());
			assertThat(session.getLastAccessedTime()).isBetween(before, System.currentTimeMillis());
		});
	}

	@Test
	void creationTimeOfAHostileCreationStampIsClamped() throws Exception {
		perform(null, (request) -> {
			HttpSession session = request.getSession();
			session.setAttribute(SessionFactory.CREATED_KEY, "+999999999-12-31T23:59:59+00:00");
			assertThat(session.getCreationTime()).isEqualTo(Instant.parse("9999-12-31T23:59:59Z").toEpochMilli());
			session.setAttribute(SessionFactory.CREATED_KEY, "-999999999-01-01T00:00:00+00:00");
			assertThat(session.getCreationTime()).isZero();
		});
	}

	@Test
	void bindingListenersAreToldWhenBoundAndUnbound() throws Exception {
		String key = cookieValue(perform(null, (request) -> {
			request.getSession().setAttribute("a", new Listener("first"));
			request.getSession().setAttribute("a", new Listener("second"));
		}));
		assertThat(events).containsExactly("bound first a", "bound second a", "unbound first a");
		events.clear();
		perform(key, (request) -> request.getSession().removeAttribute("a"));
		assertThat(events).containsExactly("unbound second a");
		events.clear();
		String other = cookieValue(
				perform(null, (request) -> request.getSession().setAttribute("b", new Listener("third"))));
		events.clear();
		perform(other, (request) -> request.getSession().invalidate());
		assertThat(events).containsExactly("unbound third b");
	}

	@Test
	void invalidateOfAnUnreadJsonSessionIsOneDeleteAndTellsNoListener() throws Exception {
		use(new JsonSessionSerializer());
		String key = createSession("user", "alice");
		this.recorded.operations().clear();
		SetCookieCapturingResponse response = perform(key, (request) -> request.getSession().invalidate());
		assertThat(this.recorded.operations()).containsExactly("delete");
		assertThat(response.setCookieHeader()).startsWith("sessionid=; Max-Age=0;");
		assertThat(this.store.load(key)).isNull();
	}

	@Test
	void invalidateReadsAJsonSessionWhoseTypedValuesMayBeListenersAndTellsThem() throws Exception {
		use(new JsonSessionSerializer(JsonMapper.builder().build(), List.of(Listener.class)));
		String key = createSession("a", new Listener("typed"));
		events.clear();
		this.recorded.operations().clear();
		perform(key, (request) -> request.getSession().invalidate());
		assertThat(this.recorded.operations()).containsExactly("load", "delete");
		assertThat(events).containsExactly("unbound typed a");
	}

	@Test
	void invalidateAfterReadingTellsTheListenersItHoldsWithoutReadingAgain() throws Exception {
		String key = createSession("a", new Listener("read"));
		events.clear();
		this.recorded.operations().clear();
		perform(key, (request) -> {
			assertThat(request.getSession().getAttribute("a")).isEqualTo(new Listener("read"));
			request.getSession().invalidate();
		});
		assertThat(this.recorded.operations()).containsExactly("load", "delete");
		assertThat(events).containsExactly("unbound read a");
	}

	@Test
	void theServletContainersOwnSessionIsNeverCreated() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest();
		this.filter.doFilter(request, new SetCookieCapturingResponse(),
				(req, res) -> ((HttpServletRequest) req).getSession().setAttribute("a", "b"));
		assertThat(request.getSession(false)).isNull();
	}

	private String createSession(String name, Object value) throws Exception {
		return cookieValue(perform(null, (request) -> request.getSession().setAttribute(name, value)));
	}

	private SetCookieCapturingResponse perform(@Nullable String cookie, RequestHandler handler) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest();
		if (cookie != null) {
			request.setCookies(new Cookie("sessionid", cookie));
		}
		SetCookieCapturingResponse response = new SetCookieCapturingResponse();
		FilterChain chain = (req, res) -> handler.handle((HttpServletRequest) req);
		this.filter.doFilter(request, response, chain);
		return response;
	}

	private static String cookieValue(SetCookieCapturingResponse response) {
		String header = response.setCookieHeader();
		assertThat(header).isNotNull();
		Matcher matcher = SESSION_COOKIE.matcher(header);
		assertThat(matcher.find()).isTrue();
		return matcher.group(1);
	}

	@FunctionalInterface
	interface RequestHandler {

		void handle(HttpServletRequest request) throws IOException, ServletException;

	}

	record Listener(String name) implements HttpSessionBindingListener, Serializable {

		@Override
		public void valueBound(HttpSessionBindingEvent event) {
			events.add("bound " + this.name + " " + event.getName());
		}

		@Override
		public void valueUnbound(HttpSessionBindingEvent event) {
			events.add("unbound " + this.name + " " + event.getName());
		}

	}

}
