package io.sessionengines.web;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.sessionengines.engine.MutableClock;
import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.signedcookies.SignedCookieSessionEngine;
import io.sessionengines.registry.CountingSessionRegistryStore;
import io.sessionengines.registry.InMemorySessionRegistryStore;
import io.sessionengines.registry.RegisteredSession;
import io.sessionengines.registry.RevocationList;
import io.sessionengines.registry.SessionTracker;
import io.sessionengines.registry.UserSessions;
import io.sessionengines.security.SecurityContextPrincipalResolver;
import io.sessionengines.serializer.JavaSessionSerializer;
import io.sessionengines.session.SessionFactory;
import io.sessionengines.signing.TimestampSigner;
import io.sessionengines.web.servlet.RequestSession;
import io.sessionengines.web.servlet.SessionMiddlewareFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SessionRegistrar}: logins registered whatever code made them, through
 * the session middleware, and nothing asked of the registry on requests that do not log
 * in or out.
 *
 * @author Session Engines contributors
 */
class SessionRegistrarTests {

	private static final String CONTEXT = HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY;

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));

	private CountingSessionRegistryStore store;

	private UserSessions userSessions;

	private SessionMiddlewareFilter filter;

	@BeforeEach
	void createFilter() {
		SessionExpiry expiry = new SessionExpiry(Duration.ofDays(14), false, this.clock);
		JavaSessionSerializer serializer = new JavaSessionSerializer();
		SignedCookieSessionEngine engine = new SignedCookieSessionEngine(
				new SessionCodec(serializer, new TimestampSigner("k3y-0f-f0rty-tw0-ch4racters-f0r-th3-t3sts", List.of(),
						SignedCookieSessionEngine.SALT, this.clock)),
				expiry);
		this.store = new CountingSessionRegistryStore(new InMemorySessionRegistryStore(this.clock));
		RevocationList revocations = new RevocationList(this.store, this.clock);
		this.userSessions = new UserSessions(this.store, engine, expiry, revocations);
		SessionFactory factory = new SessionFactory(engine, expiry, serializer);
		factory.setListeners(List.of(new SessionTracker(this.store, this.userSessions, engine, expiry, revocations)));
		SessionMiddleware middleware = new SessionMiddleware(factory,
				new SessionCookie("sessionid", null, "/", false, true, SameSite.LAX), false);
		middleware.setRegistrar(new SessionRegistrar(this.userSessions, new SecurityContextPrincipalResolver()));
		this.filter = new SessionMiddlewareFilter(middleware);
	}

	@Test
	void aLoginIsRegisteredWithTheRequestsUserAgentAndAddress() throws Exception {
		send(null, (request) -> logIn(request, "alice"));
		List<RegisteredSession> sessions = this.userSessions.list("alice");
		assertThat(sessions).hasSize(1);
		assertThat(sessions.get(0).userAgent()).isEqualTo("Mozilla/5.0 (X11; Linux x86_64)");
		assertThat(sessions.get(0).ip()).isEqualTo("203.0.113.9");
	}

	@Test
	void requestsThatDoNotLogInOrOutAskTheRegistryNothing() throws Exception {
		String cookie = send(null, (request) -> logIn(request, "alice"));
		int afterLogin = this.store.calls();
		String next = send(cookie, (request) -> request.getSession().getAttribute(CONTEXT));
		assertThat(next).isNull();
		String changed = send(cookie, (request) -> request.getSession().setAttribute("cart", 3));
		send(changed, (request) -> request.getSession().setAttribute("cart", 4));
		send(null, (request) -> request.getSession().setAttribute("cart", 1));
		assertThat(this.store.calls()).isEqualTo(afterLogin);
	}

	@Test
	void anotherLoginAsTheSameUserRenewsTheRegistrationAndRevokesTheOldCookie() throws Exception {
		String first = send(null, (request) -> logIn(request, "alice"));
		String firstId = this.userSessions.list("alice").get(0).id();
		String second = send(first, (request) -> logIn(request, "alice"));
		assertThat(this.userSessions.list("alice")).extracting(RegisteredSession::id)
			.hasSize(1)
			.doesNotContain(firstId);
		assertThat(loggedInAs(first)).isNull();
		assertThat(loggedInAs(second)).isEqualTo("alice");
	}

	@Test
	void aSessionThatIsNoLongerLoggedInIsUnregistered() throws Exception {
		String cookie = send(null, (request) -> logIn(request, "alice"));
		String loggedOut = send(cookie, (request) -> request.getSession().removeAttribute(CONTEXT));
		assertThat(this.userSessions.list("alice")).isEmpty();
		assertThat(loggedInAs(cookie)).isNull();
		assertThat(loggedOut).isNotNull();
	}

	@Test
	void aSessionRegisteredDuringTheRequestIsNotRegisteredAgain() throws Exception {
		send(null, (request) -> {
			logIn(request, "alice");
			this.userSessions.register(RequestSession.get(request), "alice", null, null);
			request.setAttribute(SessionRegistrar.REGISTERED_ATTRIBUTE, Boolean.TRUE);
		});
		assertThat(this.userSessions.list("alice")).singleElement()
			.satisfies((session) -> assertThat(session.userAgent()).isNull());
	}

	@Test
	void aForwardedForHeaderIsNotTheClientsAddress() throws Exception {
		send(null, (request) -> logIn(request, "alice"));
		assertThat(this.userSessions.list("alice").get(0).ip()).isEqualTo("203.0.113.9");
	}

	private static void logIn(HttpServletRequest request, String user) {
		HttpSession session = request.getSession();
		session.setAttribute(CONTEXT,
				new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(user, null, List.of())));
	}

	private @Nullable String loggedInAs(String cookie) throws Exception {
		String[] user = new String[1];
		send(cookie, (request) -> {
			HttpSession session = request.getSession(false);
			if (session != null && session.getAttribute(CONTEXT) instanceof SecurityContextImpl context) {
				user[0] = context.getAuthentication().getName();
			}
		});
		return user[0];
	}

	/**
	 * Send a request through the middleware.
	 * @return the session cookie the response sets, or {@code null} when it sets none
	 */
	private @Nullable String send(@Nullable String cookie, RequestAction action) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
		request.setRemoteAddr("203.0.113.9");
		request.addHeader("User-Agent", "Mozilla/5.0 (X11; Linux x86_64)");
		request.addHeader("X-Forwarded-For", "198.51.100.1");
		if (cookie != null) {
			request.setCookies(new Cookie("sessionid", cookie));
		}
		MockHttpServletResponse response = new MockHttpServletResponse();
		FilterChain chain = (req, res) -> action.run((HttpServletRequest) req);
		this.filter.doFilter(request, response, chain);
		Cookie set = response.getCookie("sessionid");
		return (set != null && !set.getValue().isEmpty()) ? set.getValue() : null;
	}

	@FunctionalInterface
	private interface RequestAction {

		void run(HttpServletRequest request) throws IOException, ServletException;

	}

}
