package io.sessionengines.web.servlet;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.db.JdbcSessionEngine;
import io.sessionengines.serializer.JsonSessionSerializer;
import io.sessionengines.session.SessionFactory;
import io.sessionengines.signing.TimestampSigner;
import io.sessionengines.web.SameSite;
import io.sessionengines.web.SessionCookie;
import io.sessionengines.web.SessionMiddleware;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.FlashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SessionFlashMapManager}.
 *
 * @author Session Engines contributors
 */
class SessionFlashMapManagerTests {

	private final SessionCookie cookie = new SessionCookie("sessionid", null, "/", false, true, SameSite.LAX);

	private final SessionFlashMapManager manager = new SessionFlashMapManager(this.cookie);

	private RecordingSessionEngine engine;

	private SessionMiddlewareFilter filter;

	@BeforeEach
	void setUp() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:flash-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		JsonSessionSerializer serializer = new JsonSessionSerializer();
		Clock clock = Clock.systemUTC();
		SessionExpiry expiry = new SessionExpiry(Duration.ofSeconds(1209600), false, clock);
		JdbcSessionEngine jdbc = new JdbcSessionEngine(dataSource,
				new SessionCodec(serializer, new TimestampSigner("a-test-secret-key-that-is-long-enough-0123456789",
						List.of(), SessionCodec.STORED_DATA_SALT, clock)),
				expiry, JdbcSessionEngine.DEFAULT_TABLE);
		jdbc.createTableIfMissing();
		this.engine = new RecordingSessionEngine(jdbc);
		SessionFactory factory = new SessionFactory(this.engine, expiry, serializer);
		this.filter = new SessionMiddlewareFilter(new SessionMiddleware(factory, this.cookie, false));
	}

	@Test
	void requestsWithoutWaitingFlashAttributesDoNotReadTheSession() throws Exception {
		String key = sessionKey(perform(request(null, false), (req, res) -> RequestSession.get(req).set("a", 1)));
		this.engine.operations().clear();
		SetCookieCapturingResponse response = perform(request(key, false),
				(req, res) -> assertThat((Object) this.manager.retrieveAndUpdate(req, res)).isNull());
		assertThat(this.engine.operations()).isEmpty();
		assertThat(response.getHeader("Vary")).isNull();
	}

	@Test
	void flashAttributesSurviveTheRedirectOnceAndAreThenGone() throws Exception {
		SetCookieCapturingResponse redirect = perform(request(null, false), (req, res) -> {
			FlashMap flashMap = new FlashMap();
			flashMap.put("message", "Saved");
			flashMap.setTargetRequestPath("/next");
			this.manager.saveOutputFlashMap(flashMap, req, res);
		});
		assertThat(redirect.setCookieHeaders())
			.anySatisfy((header) -> assertThat(header).startsWith("sessionid_flash=1;"));
		String key = sessionKey(redirect);
		List<FlashMap> seen = new ArrayList<>();
		MockHttpServletRequest next = request(key, true);
		next.setRequestURI("/next");
		SetCookieCapturingResponse after = perform(next,
				(req, res) -> seen.add(this.manager.retrieveAndUpdate(req, res)));
		assertThat(seen).hasSize(1);
		assertThat(seen.get(0).get("message")).isEqualTo("Saved");
		assertThat(after.setCookieHeaders())
			.anySatisfy((header) -> assertThat(header).startsWith("sessionid_flash=; Max-Age=0;"));
		seen.clear();
		MockHttpServletRequest again = request(key, true);
		again.setRequestURI("/next");
		perform(again, (req, res) -> seen.add(this.manager.retrieveAndUpdate(req, res)));
		assertThat(seen).containsOnlyNulls();
	}

	@Test
	void markerCookieHasTheSessionCookiesAttributes() throws Exception {
		SessionFlashMapManager secure = new SessionFlashMapManager(
				new SessionCookie("sessionid", ".example.com", "/app/", true, true, SameSite.STRICT));
		SetCookieCapturingResponse response = perform(request(null, false), (req, res) -> {
			FlashMap flashMap = new FlashMap();
			flashMap.put("message", "Saved");
			secure.saveOutputFlashMap(flashMap, req, res);
		});
		assertThat(response.setCookieHeaders())
			.contains("sessionid_flash=1; Domain=.example.com; Path=/app/; Secure; HttpOnly; SameSite=Strict");
	}

	@Test
	void requestsOutsideTheSessionMiddlewareHaveNoFlashAttributes() {
		MockHttpServletRequest request = request(null, true);
		assertThat((Object) this.manager.retrieveAndUpdate(request, new SetCookieCapturingResponse())).isNull();
	}

	private MockHttpServletRequest request(String key, boolean marker) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
		List<Cookie> cookies = new ArrayList<>();
		if (key != null) {
			cookies.add(new Cookie("sessionid", key));
		}
		if (marker) {
			cookies.add(new Cookie("sessionid_flash", "1"));
		}
		if (!cookies.isEmpty()) {
			request.setCookies(cookies.toArray(Cookie[]::new));
		}
		return request;
	}

	private SetCookieCapturingResponse perform(MockHttpServletRequest request, Handler handler) throws Exception {
		SetCookieCapturingResponse response = new SetCookieCapturingResponse();
		this.filter.doFilter(request, response,
				(req, res) -> handler.handle((HttpServletRequest) req, (HttpServletResponse) res));
		return response;
	}

	private static String sessionKey(SetCookieCapturingResponse response) {
		return response.setCookieHeaders()
			.stream()
			.filter((header) -> header.startsWith("sessionid="))
			.map((header) -> header.substring("sessionid=".length(), header.indexOf(';')))
			.findFirst()
			.orElseThrow();
	}

	@FunctionalInterface
	interface Handler {

		void handle(HttpServletRequest request, HttpServletResponse response);

	}

}
