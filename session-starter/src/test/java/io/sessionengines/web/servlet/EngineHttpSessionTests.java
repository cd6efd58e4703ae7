package io.sessionengines.web.servlet;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;

import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.serializer.JsonSessionSerializer;
import io.sessionengines.session.SessionFactory;
import io.sessionengines.web.SameSite;
import io.sessionengines.web.SessionCookie;
import io.sessionengines.web.SessionMiddleware;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EngineHttpSession}'s id and times, which come from the session
 * factory: its engine and its clock.
 *
 * @author Session Engines contributors
 */
class EngineHttpSessionTests {

	/**
	 * Longer than Django's 40-character key column, which once made the id a hash.
	 */
	private static final String LONG_KEY = "k".repeat(64);

	/**
	 * As short as a stored key, which once kept a payload key as the id.
	 */
	private static final String SHORT_KEY = "k".repeat(20);

	@Test
	void aLongKeyOfAnEngineThatStoresSessionsIsTheId() throws Exception {
		MapSessionEngine engine = new MapSessionEngine(false);
		engine.sessions.put(LONG_KEY, Map.of("user", "alice"));
		HttpSession session = openSession(factory(engine, Clock.systemUTC()), LONG_KEY);
		assertThat(session.getId()).isEqualTo(LONG_KEY);
	}

	@Test
	void aKeyThatIsThePayloadIsHashedHoweverShort() throws Exception {
		MapSessionEngine engine = new MapSessionEngine(true);
		engine.sessions.put(SHORT_KEY, Map.of("user", "alice"));
		HttpSession session = openSession(factory(engine, Clock.systemUTC()), SHORT_KEY);
		String id = session.getId();
		assertThat(id).isNotEqualTo(SHORT_KEY).doesNotContain(SHORT_KEY).matches("[0-9a-f]{12}");
		assertThat(session.getId()).isEqualTo(id);
	}

	@Test
	void creationAndLastAccessTimesFollowTheFactorysClock() throws Exception {
		Instant fixed = Instant.parse("2031-05-17T08:30:15.250Z");
		SessionFactory factory = factory(new MapSessionEngine(false), Clock.fixed(fixed, ZoneOffset.UTC));
		HttpSession session = openSession(factory, null);
		assertThat(session.getCreationTime()).isEqualTo(fixed.toEpochMilli());
		assertThat(session.getLastAccessedTime()).isEqualTo(fixed.toEpochMilli());
	}

	@Test
	void recordedCreationTimeIsTheFactorysClockWhenTheSessionWasCreated() throws Exception {
		Instant fixed = Instant.parse("2031-05-17T08:30:15Z");
		SessionFactory factory = factory(new MapSessionEngine(false), Clock.fixed(fixed, ZoneOffset.UTC));
		factory.setAbsoluteAge(Duration.ofHours(1));
		HttpSession session = openSession(factory, null);
		session.setAttribute("user", "alice");
		assertThat(session.getCreationTime()).isEqualTo(fixed.toEpochMilli());
	}

	private static SessionFactory factory(SessionEngine engine, Clock clock) {
		return new SessionFactory(engine, new SessionExpiry(Duration.ofSeconds(1209600), false, clock),
				new JsonSessionSerializer());
	}

	/**
	 * Return the {@link HttpSession} a request through the session middleware sees.
	 */
	private static HttpSession openSession(SessionFactory factory, @Nullable String key) throws Exception {
		SessionMiddlewareFilter filter = new SessionMiddlewareFilter(new SessionMiddleware(factory,
				new SessionCookie("sessionid", null, "/", false, true, SameSite.LAX), false));
		MockHttpServletRequest request = new MockHttpServletRequest();
		if (key != null) {
			request.setCookies(new Cookie("sessionid", key));
		}
		AtomicReference<HttpSession> session = new AtomicReference<>();
		filter.doFilter(request, new SetCookieCapturingResponse(),
				(req, res) -> session.set(((HttpServletRequest) req).getSession()));
		return session.get();
	}

	/**
	 * An engine that keeps sessions in a map under the key it is given.
	 */
	private static final class MapSessionEngine implements SessionEngine {

		private final Map<String, Map<String, @Nullable Object>> sessions = new HashMap<>();

		private final boolean keyPayload;

		MapSessionEngine(boolean keyPayload) {
			this.keyPayload = keyPayload;
		}

		@Override
		public @Nullable Map<String, @Nullable Object> load(String key) {
			Map<String, @Nullable Object> data = this.sessions.get(key);
			return (data != null) ? new HashMap<>(data) : null;
		}

		@Override
		public String save(String key, Map<String, @Nullable Object> data, Instant expiresAt, boolean mustCreate) {
			this.sessions.put(key, new HashMap<>(data));
			return key;
		}

		@Override
		public void delete(String key) {
			this.sessions.remove(key);
		}

		@Override
		public OptionalLong clearExpired() {
			return OptionalLong.empty();
		}

		@Override
		public boolean isKeyPayload() {
			return this.keyPayload;
		}

	}

}
