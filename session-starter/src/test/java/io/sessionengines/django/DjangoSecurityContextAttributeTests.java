package io.sessionengines.django;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.sessionengines.engine.MutableClock;
import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.SessionKeyHash;
import io.sessionengines.engine.cache.CacheSessionEngine;
import io.sessionengines.engine.cache.CaffeineSessionCacheStore;
import io.sessionengines.registry.InMemorySessionRegistryStore;
import io.sessionengines.registry.RevocationList;
import io.sessionengines.registry.SessionTracker;
import io.sessionengines.registry.UserSessions;
import io.sessionengines.security.SecurityContextPrincipalResolver;
import io.sessionengines.serializer.JavaSessionSerializer;
import io.sessionengines.session.SessionFactory;
import io.sessionengines.signing.TimestampSigner;
import io.sessionengines.web.SameSite;
import io.sessionengines.web.SessionCookie;
import io.sessionengines.web.SessionMiddleware;
import io.sessionengines.web.SessionRegistrar;
import io.sessionengines.web.servlet.RequestSession;
import io.sessionengines.web.servlet.SessionMiddlewareFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DjangoSecurityContextAttribute} and {@link DjangoLoginBridge}:
 * Django's login rule across both applications, and logins shared through Django's keys.
 * The expected session auth hashes were computed by Django 3.2's {@code salted_hmac} (the
 * first is the reference's test vector).
 *
 * @author Session Engines contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class DjangoSecurityContextAttributeTests {

	private static final String CONTEXT = HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY;

	private static final String SECRET = "django-insecure-test-vector-secret";

	private static final String OLD_SECRET = "django-insecure-old-test-vector-secret";

	private static final String MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend";

	/**
	 * Django's session auth hash of alice's password hash {@code pbkdf2_sha256$x}.
	 */
	private static final String ALICE_HASH = "0234e0c3837b82d3f5ba3a395ec0cf670a01bb9f1294873f85e3e97a1993cb04";

	/**
	 * The same under {@link #OLD_SECRET}.
	 */
	private static final String ALICE_OLD_HASH = "da684b6af9af8ec82bd028d9eede00ce1d96d7fcd28cf2a7de5e755a1ea5d3bf";

	/**
	 * Django's session auth hash of bob's password hash {@code pbkdf2_sha256$y}.
	 */
	private static final String BOB_HASH = "737bf71a8257859e3c35b2a646c5d05d7d6e3900a7ca5028a1225540fe760ff2";

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));

	private volatile boolean databaseDown;

	private final DriverManagerDataSource dataSource = new DriverManagerDataSource(
			"jdbc:h2:mem:django-auth-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1") {

		@Override
		protected Connection getConnectionFromDriver(@Nullable String username, @Nullable String password)
				throws SQLException {
			if (DjangoSecurityContextAttributeTests.this.databaseDown) {
				throw new SQLException("Connection refused", "08001");
			}
			return super.getConnectionFromDriver(username, password);
		}

	};

	private final JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);

	private CacheSessionEngine engine;

	private UserSessions userSessions;

	private SessionMiddlewareFilter filter;

	@AfterEach
	void dropDatabase() {
		this.databaseDown = false;
		this.jdbc.execute("SHUTDOWN");
	}

	private void withoutBridge() {
		createFilter(new DjangoSecurityContextAttribute(null));
	}

	private void withBridge() {
		this.jdbc.execute("CREATE TABLE auth_user (id INTEGER NOT NULL PRIMARY KEY, password VARCHAR(128) NOT NULL, "
				+ "last_login TIMESTAMP WITH TIME ZONE, is_superuser BOOLEAN NOT NULL, "
				+ "username VARCHAR(150) NOT NULL UNIQUE, first_name VARCHAR(150) NOT NULL, "
				+ "last_name VARCHAR(150) NOT NULL, email VARCHAR(254) NOT NULL, is_staff BOOLEAN NOT NULL, "
				+ "is_active BOOLEAN NOT NULL, date_joined TIMESTAMP WITH TIME ZONE NOT NULL)");
		this.jdbc.execute("CREATE TABLE auth_group (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(150) NOT NULL)");
		this.jdbc.execute("CREATE TABLE auth_user_groups (id BIGINT NOT NULL PRIMARY KEY, user_id INTEGER NOT NULL, "
				+ "group_id INTEGER NOT NULL)");
		addUser(1, "alice", "pbkdf2_sha256$x", true, true);
		addUser(2, "bob", "pbkdf2_sha256$y", false, true);
		addUser(3, "carol", "pbkdf2_sha256$z", false, false);
		this.jdbc.update("INSERT INTO auth_group (id, name) VALUES (1, 'editors')");
		this.jdbc.update("INSERT INTO auth_user_groups (id, user_id, group_id) VALUES (1, 1, 1)");
		DjangoLoginBridge bridge = new DjangoLoginBridge(new DjangoUserDetailsService(this.dataSource),
				new DjangoSessionAuthHash(SECRET, List.of(OLD_SECRET)), List.of(MODEL_BACKEND));
		createFilter(new DjangoSecurityContextAttribute(bridge));
	}

	private void addUser(int id, String username, String passwordHash, boolean staff, boolean active) {
		this.jdbc.update("INSERT INTO auth_user (id, password, is_superuser, username, first_name, last_name, email, "
				+ "is_staff, is_active, date_joined) VALUES (?, ?, FALSE, ?, '', '', '', ?, ?, CURRENT_TIMESTAMP)", id,
				passwordHash, username, staff, active);
	}

	private void createFilter(DjangoSecurityContextAttribute attribute) {
		SessionExpiry expiry = new SessionExpiry(Duration.ofDays(14), false, this.clock);
		JavaSessionSerializer serializer = new JavaSessionSerializer();
		this.engine = new CacheSessionEngine(new CaffeineSessionCacheStore(100),
				new SessionCodec(serializer, new TimestampSigner("k3y-0f-f0rty-tw0-ch4racters-f0r-th3-t3sts", List.of(),
						SessionCodec.STORED_DATA_SALT, this.clock)),
				expiry);
		InMemorySessionRegistryStore store = new InMemorySessionRegistryStore(this.clock);
		RevocationList revocations = new RevocationList(store, this.clock);
		this.userSessions = new UserSessions(store, this.engine, expiry, revocations);
		SessionFactory factory = new SessionFactory(this.engine, expiry, serializer);
		factory.setListeners(List.of(new SessionTracker(store, this.userSessions, this.engine, expiry, revocations)));
		SessionMiddleware middleware = new SessionMiddleware(factory,
				new SessionCookie("sessionid", null, "/", false, true, SameSite.LAX), false);
		middleware.setLoginAttribute(attribute);
		middleware.setRegistrar(new SessionRegistrar(this.userSessions,
				new DjangoPrincipalResolver(new SecurityContextPrincipalResolver(), null)));
		this.filter = new SessionMiddlewareFilter(middleware);
	}

	@Test
	void aLoginHereOnASessionThatDjangoLoggedInStartsFromAnEmptySession() throws Exception {
		withoutBridge();
		String django = djangoLogin("1", ALICE_HASH);
		String cookie = send(django, (request) -> logIn(request, "bob"));
		assertThat(cookie).isNotEqualTo(django);
		assertThat(this.engine.load(django)).isNull();
		Map<String, @Nullable Object> data = this.engine.load(cookie);
		assertThat(data).containsOnlyKeys(CONTEXT, UserSessions.ID_KEY, UserSessions.PRINCIPAL_KEY);
		assertThat(loggedInAs(cookie)).isEqualTo("bob");
	}

	/**
	 * A concurrent-session control registers the login before the context is stored: the
	 * registration moves to the emptied session's new key instead of ending with the old.
	 */
	@Test
	void aLoginHereOnASessionThatDjangoLoggedInKeepsTheRegistrationMadeForIt() throws Exception {
		withoutBridge();
		String django = djangoLogin("1", ALICE_HASH);
		String cookie = send(django, (request) -> {
			request.changeSessionId();
			this.userSessions.register(RequestSession.get(request), "bob", null, null);
			request.setAttribute(SessionRegistrar.REGISTERED_ATTRIBUTE, Boolean.TRUE);
			logIn(request, "bob");
		});
		assertThat(this.engine.load(cookie)).containsKeys(CONTEXT, UserSessions.ID_KEY)
			.doesNotContainKey(DjangoSecurityContextAttribute.USER_ID_KEY);
		assertThat(this.userSessions.list("bob")).singleElement()
			.satisfies((registered) -> assertThat(registered.key()).isEqualTo(cookie));
	}

	@Test
	void aSessionThatDjangoLoggedInAfterALoginHereIsNotLoggedInHere(CapturedOutput output) throws Exception {
		withoutBridge();
		String cookie = send(null, (request) -> logIn(request, "bob"));
		djangoLoginOn(cookie, "1", ALICE_HASH);
		assertThat(loggedInAs(cookie)).isNull();
		assertThat(output).contains(SessionKeyHash.of(cookie)).doesNotContain(cookie);
		// the session itself is left as it is: Django's login stands
		assertThat(this.engine.load(cookie)).containsKeys(CONTEXT, DjangoSecurityContextAttribute.USER_ID_KEY);
	}

	@Test
	void aDjangoLoginIsNotALoginHereWithoutTheBridge() throws Exception {
		withoutBridge();
		String cookie = djangoLogin("1", ALICE_HASH);
		assertThat(loggedInAs(cookie)).isNull();
		assertThat(this.engine.load(cookie)).containsKey(DjangoSecurityContextAttribute.USER_ID_KEY);
	}

	@Test
	void aLoginHereKeepsTheDataOfAnAnonymousSession() throws Exception {
		withoutBridge();
		String cookie = send(null, (request) -> request.getSession().setAttribute("cart", 3));
		send(cookie, (request) -> logIn(request, "bob"));
		assertThat(this.engine.load(cookie)).containsEntry("cart", 3).containsKey(CONTEXT);
	}

	@Test
	void aDjangoLoginIsALoginHereWithTheBridge() throws Exception {
		withBridge();
		String cookie = djangoLogin("1", ALICE_HASH);
		Authentication authentication = authenticationOf(cookie);
		assertThat(authentication).isNotNull();
		assertThat(authentication.getName()).isEqualTo("alice");
		assertThat(authentication.getPrincipal()).isInstanceOf(DjangoUser.class);
		assertThat(authentication.getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactlyInAnyOrder("ROLE_STAFF", "GROUP_editors");
		// read, not stored: Django's keys stay the one login
		assertThat(this.engine.load(cookie)).doesNotContainKey(CONTEXT);
	}

	@Test
	void aPasswordChangeEndsTheDjangoLoginEverywhere() throws Exception {
		withBridge();
		String cookie = djangoLogin("1", ALICE_HASH);
		this.jdbc.update("UPDATE auth_user SET password = 'pbkdf2_sha256$changed' WHERE id = 1");
		assertThat(loggedInAs(cookie)).isNull();
		assertThat(this.engine.load(cookie)).isNull();
	}

	@Test
	void aDjangoLoginOfAnInactiveUserIsNotALoginHere() throws Exception {
		withBridge();
		String cookie = djangoLogin("3", "any");
		assertThat(loggedInAs(cookie)).isNull();
		assertThat(this.engine.load(cookie)).containsKey(DjangoSecurityContextAttribute.USER_ID_KEY);
	}

	@Test
	void aDjangoLoginByAnotherBackendIsNotALoginHere() throws Exception {
		withBridge();
		String cookie = send(null, (request) -> {
			HttpSession session = request.getSession();
			session.setAttribute(DjangoSecurityContextAttribute.USER_ID_KEY, "1");
			session.setAttribute(DjangoSecurityContextAttribute.BACKEND_KEY, "allauth.account.auth_backends.Other");
			session.setAttribute(DjangoSecurityContextAttribute.HASH_KEY, ALICE_HASH);
		});
		assertThat(loggedInAs(cookie)).isNull();
	}

	@Test
	void aDjangoLoginHashedWithAFallbackKeyIsRehashedUnderANewKey() throws Exception {
		withBridge();
		String cookie = djangoLogin("1", ALICE_OLD_HASH);
		String newKey = send(cookie, (request) -> {
			SecurityContext context = (SecurityContext) request.getSession().getAttribute(CONTEXT);
			assertThat(context.getAuthentication().getName()).isEqualTo("alice");
		});
		assertThat(newKey).isNotNull().isNotEqualTo(cookie);
		assertThat(this.engine.load(cookie)).isNull();
		assertThat(this.engine.load(newKey)).containsEntry(DjangoSecurityContextAttribute.HASH_KEY, ALICE_HASH);
	}

	@Test
	void aLoginHereOfADjangoUserIsWrittenAsDjangosLogin() throws Exception {
		withBridge();
		String cookie = send(null, (request) -> logIn(request, djangoUser("bob")));
		assertThat(this.engine.load(cookie)).containsOnly(Map.entry(DjangoSecurityContextAttribute.USER_ID_KEY, "2"),
				Map.entry(DjangoSecurityContextAttribute.BACKEND_KEY, MODEL_BACKEND),
				Map.entry(DjangoSecurityContextAttribute.HASH_KEY, BOB_HASH));
		assertThat(loggedInAs(cookie)).isEqualTo("bob");
	}

	@Test
	void aLoginHereOfAUserWhoseCredentialsWereErasedReadsTheUserAgain() throws Exception {
		withBridge();
		DjangoUser bob = djangoUser("bob");
		bob.eraseCredentials();
		String changed = "pbkdf2_sha256$changed";
		this.jdbc.update("UPDATE auth_user SET password = ? WHERE id = 2", changed);
		String cookie = send(null, (request) -> logIn(request, bob));
		assertThat(this.engine.load(cookie)).containsEntry(DjangoSecurityContextAttribute.HASH_KEY,
				new DjangoSessionAuthHash(SECRET, List.of()).hash(changed));
		assertThat(loggedInAs(cookie)).isEqualTo("bob");
	}

	@Test
	void aLoginHereOfAUserJustAuthenticatedQueriesNothing() throws Exception {
		withBridge();
		// WebFlux's authentication keeps the user's password: the login is written from
		// the user as read, off the event loop, by the authentication
		DjangoUser bob = djangoUser("bob");
		this.databaseDown = true;
		String cookie = send(null, (request) -> logIn(request, bob));
		this.databaseDown = false;
		assertThat(this.engine.load(cookie)).containsEntry(DjangoSecurityContextAttribute.HASH_KEY, BOB_HASH);
		assertThat(loggedInAs(cookie)).isEqualTo("bob");
	}

	@Test
	void aLoginHereAsAnotherDjangoUserStartsFromAnEmptySession() throws Exception {
		withBridge();
		String django = djangoLogin("1", ALICE_HASH);
		send(django, (request) -> request.getSession().setAttribute("cart", 3));
		String cookie = send(django, (request) -> logIn(request, djangoUser("bob")));
		assertThat(this.engine.load(django)).isNull();
		assertThat(this.engine.load(cookie)).doesNotContainKey("cart")
			.containsEntry(DjangoSecurityContextAttribute.USER_ID_KEY, "2");
	}

	@Test
	void aLoginHereAsTheSameDjangoUserKeepsTheSession() throws Exception {
		withBridge();
		String cookie = djangoLogin("1", ALICE_HASH);
		send(cookie, (request) -> request.getSession().setAttribute("cart", 3));
		String after = send(cookie, (request) -> logIn(request, djangoUser("alice")));
		assertThat(after).isNull();
		assertThat(this.engine.load(cookie)).containsEntry("cart", 3)
			.containsEntry(DjangoSecurityContextAttribute.HASH_KEY, ALICE_HASH);
	}

	@Test
	void aLoginHereOfAUserWhoIsNotDjangosStoresSpringSecuritysContext() throws Exception {
		withBridge();
		String cookie = send(null, (request) -> logIn(request, "dave"));
		assertThat(this.engine.load(cookie)).containsKey(CONTEXT)
			.doesNotContainKeys(DjangoSecurityContextAttribute.USER_ID_KEY, DjangoSecurityContextAttribute.HASH_KEY);
		assertThat(loggedInAs(cookie)).isEqualTo("dave");
	}

	@Test
	void aLogoutHereIsALogoutFromDjango() throws Exception {
		withBridge();
		String cookie = djangoLogin("1", ALICE_HASH);
		send(cookie, (request) -> request.getSession().removeAttribute(CONTEXT));
		assertThat(this.engine.load(cookie)).doesNotContainKeys(DjangoSecurityContextAttribute.USER_ID_KEY,
				DjangoSecurityContextAttribute.BACKEND_KEY, DjangoSecurityContextAttribute.HASH_KEY);
		assertThat(loggedInAs(cookie)).isNull();
	}

	@Test
	void aForgedDjangoLoginIsNotALoginHere() throws Exception {
		withBridge();
		assertThat(loggedInAs(djangoLogin("1", BOB_HASH))).isNull();
		assertThat(loggedInAs(djangoLogin("1", ""))).isNull();
		assertThat(loggedInAs(djangoLogin("1' OR '1'='1", ALICE_HASH))).isNull();
		assertThat(loggedInAs(djangoLogin("99", ALICE_HASH))).isNull();
	}

	@Test
	void anUnreachableUserTableAnswers503AndKeepsTheLogin() throws Exception {
		withBridge();
		String cookie = djangoLogin("1", ALICE_HASH);
		this.databaseDown = true;
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
		request.setCookies(new Cookie("sessionid", cookie));
		this.filter.doFilter(request, response,
				(req, res) -> ((HttpServletRequest) req).getSession().getAttribute(CONTEXT));
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getCookie("sessionid")).isNull();
		this.databaseDown = false;
		assertThat(loggedInAs(cookie)).isEqualTo("alice");
		assertThat(this.engine.load(cookie)).containsEntry(DjangoSecurityContextAttribute.HASH_KEY, ALICE_HASH);
	}

	private DjangoUser djangoUser(String username) {
		return new DjangoUserDetailsService(this.dataSource).loadUserByUsername(username);
	}

	private String djangoLogin(String id, String hash) throws Exception {
		return send(null, (request) -> {
			HttpSession session = request.getSession();
			session.setAttribute(DjangoSecurityContextAttribute.USER_ID_KEY, id);
			session.setAttribute(DjangoSecurityContextAttribute.BACKEND_KEY, MODEL_BACKEND);
			session.setAttribute(DjangoSecurityContextAttribute.HASH_KEY, hash);
		});
	}

	/**
	 * Log a session in to Django as its {@code login} does on a session without a Django
	 * login: the data is kept, under a new key.
	 */
	private void djangoLoginOn(String cookie, String id, String hash) {
		Map<String, @Nullable Object> data = new LinkedHashMap<>(this.engine.load(cookie));
		data.put(DjangoSecurityContextAttribute.USER_ID_KEY, id);
		data.put(DjangoSecurityContextAttribute.BACKEND_KEY, MODEL_BACKEND);
		data.put(DjangoSecurityContextAttribute.HASH_KEY, hash);
		this.engine.save(cookie, data, this.clock.instant().plus(Duration.ofDays(1)), false);
	}

	private static void logIn(HttpServletRequest request, Object principal) {
		request.getSession()
			.setAttribute(CONTEXT, new SecurityContextImpl(
					UsernamePasswordAuthenticationToken.authenticated(principal, null, List.of())));
	}

	private @Nullable Authentication authenticationOf(String cookie) throws Exception {
		Authentication[] authentication = new Authentication[1];
		send(cookie, (request) -> {
			HttpSession session = request.getSession(false);
			if (session != null && session.getAttribute(CONTEXT) instanceof SecurityContext context) {
				authentication[0] = context.getAuthentication();
			}
		});
		return authentication[0];
	}

	private @Nullable String loggedInAs(String cookie) throws Exception {
		Authentication authentication = authenticationOf(cookie);
		return (authentication != null) ? authentication.getName() : null;
	}

	/**
	 * Send a request through the middleware.
	 * @return the session cookie the response sets, or {@code null} when it sets none
	 */
	private @Nullable String send(@Nullable String cookie, RequestAction action) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
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
