package io.sessionengines.demo.django;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.sessionengines.demo.django.SharedBrowser.Page;
import io.sessionengines.demo.django.SharedBrowser.Site;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.opentest4j.TestAbortedException;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Sessions shared by a real Django application ({@link DjangoServer}) and a demo
 * application ({@link #application()}: the servlet demo or the reactive one), both on
 * {@code 127.0.0.1} with the same secret key, the same {@code sessionid} cookie and the
 * same store, driven by one browser ({@link SharedBrowser}) that sends its one session
 * cookie to both: what one side writes, the other reads; an expiry set on one side is
 * honoured by the other; a flush or logout on one side ends the session on the other. A
 * subclass per engine says how to share its store ({@link #configure(Settings)}) and what
 * Django itself does with a custom expiry, and each demo's tests extend those with the
 * demo's application class.
 * <p>
 * Both applications start once per test class, on a PostgreSQL database of the class's
 * own ({@link InteropDatabase}) that Django's migrations fill, and stop after it. Without
 * Django or PostgreSQL the tests are skipped, or fail when
 * {@code SESSION_TEST_REQUIRE_SERVICES=true}. Django's output during a failed test is
 * printed with the failure.
 *
 * @author Session Engines contributors
 */
@TestInstance(Lifecycle.PER_CLASS)
public abstract class DjangoInteropSuite {

	/**
	 * Values of every JSON type, nested, with text and keys outside ASCII (an astral
	 * character too, which Python escapes as a surrogate pair), integers beyond a
	 * double's precision and floats at both ends of the range.
	 */
	static final String VALUES = """
			{"text": "héllo wörld — ✓ 日本語 😀", "ключ ✓": "a key outside ASCII",
			 "nested": {"list": [1, "two", [3.5, {"four": null}], true, false],
			            "deep": {"a": {"b": {"c": []}}}, "empty": {}},
			 "int": 42, "negative": -7, "zero": 0, "beyond a double": 9007199254740993,
			 "long max": 9223372036854775807, "tenth": 0.1, "huge": 1e300, "small": 1e-7,
			 "negative float": -2.5, "true": true, "false": false, "null": null, "empty text": ""}""";

	/**
	 * A custom expiry in seconds that the tests wait out.
	 */
	static final int SHORT_EXPIRY = 2;

	/**
	 * How long after the save that set {@link #SHORT_EXPIRY} the session is surely
	 * expired: signed-cookie timestamps count whole seconds, and a slow machine deserves
	 * a margin.
	 */
	static final Duration SHORT_EXPIRY_PASSED = Duration.ofMillis(SHORT_EXPIRY * 1000 + 1500);

	static final String ALICE = "{\"username\": \"alice\", \"password\": \"wonderland\"}";

	static final String BOB = "{\"username\": \"bob\", \"password\": \"builder\"}";

	static final String STAFF = "{\"username\": \"staff\", \"password\": \"staff-password\"}";

	static final String INACTIVE = "{\"username\": \"inactive\", \"password\": \"inactive-password\"}";

	/**
	 * Python's {@code datetime.isoformat()} of an aware UTC date, which
	 * {@code datetime.fromisoformat} (Django 4.1+) reads on every Python version; before
	 * 3.11 it refuses a {@code Z}.
	 */
	private static final String PYTHON_ISO_FORMAT = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{6})?\\+00:00";

	private final String secretKey = "django-interop-" + UUID.randomUUID() + UUID.randomUUID();

	private @Nullable InteropDatabase database;

	private @Nullable DjangoServer djangoServer;

	private @Nullable ConfigurableApplicationContext ourApplication;

	private @Nullable RuntimeException startFailure;

	private long outputMark;

	private SharedBrowser browser = new SharedBrowser();

	private @Nullable Site django;

	private @Nullable Site ours;

	@RegisterExtension
	final TestWatcher djangoOutputOnFailure = new TestWatcher() {

		@Override
		public void testFailed(ExtensionContext context, @Nullable Throwable cause) {
			DjangoServer server = DjangoInteropSuite.this.djangoServer;
			if (server != null) {
				System.err.println("Django's output during " + context.getDisplayName() + ":\n"
						+ server.outputSince(DjangoInteropSuite.this.outputMark));
			}
		}

	};

	/**
	 * Return the demo application that shares the sessions with Django.
	 * @return its main class, started as {@code java -jar} starts it
	 */
	protected abstract Class<?> application();

	/**
	 * Return the engine's name, the same for Django ({@code SESSION_ENGINE}) and the demo
	 * ({@code session.engine}).
	 * @return {@code db}, {@code file}, {@code cache} or {@code signed_cookies}
	 */
	abstract String engine();

	/**
	 * Add what else the two applications must agree on for the engine, such as the
	 * directory of the {@code file} engine.
	 * @param settings the settings of both applications
	 */
	void configure(Settings settings) {
	}

	/**
	 * Return the secret key both applications sign with: Django's {@code SECRET_KEY}.
	 * @return the secret key
	 */
	final String secretKey() {
		return this.secretKey;
	}

	/**
	 * Return whether the demo shares logins with Django
	 * ({@code session.django.auth.enabled}): a login on either side is a login on both.
	 * Without it, the two logins are kept apart, and never name two users on one session.
	 * @return whether logins are shared
	 */
	boolean sharesLogins() {
		return true;
	}

	/**
	 * Return whether the cookie carries the session's data rather than a key
	 * ({@code signed_cookies}): there is no key to compare, and a copy of an old cookie
	 * keeps its data whatever the servers do.
	 * @return whether the cookie is the data
	 */
	boolean cookieIsTheData() {
		return false;
	}

	/**
	 * Return whether Django ends a session once a positive number of seconds given to
	 * {@code set_expiry} has passed since its last save.
	 * @return whether Django enforces such an expiry
	 */
	boolean djangoEnforcesSecondsExpiry() {
		return true;
	}

	/**
	 * Return whether Django ends a session whose expiry date has passed.
	 * @return whether Django enforces an expiry date
	 */
	boolean djangoEnforcesDateExpiry() {
		return true;
	}

	/**
	 * Return whether Django can load a session whose expiry is a date, stored as an
	 * ISO-8601 string.
	 * @return whether Django loads such a session
	 */
	public boolean djangoLoadsDateExpiry() {
		return true;
	}

	/**
	 * Start both applications before the class's first test rather than in a
	 * {@code @BeforeAll} method, so that a missing Django or PostgreSQL skips (or fails)
	 * each test and the build reports them; then give each test a browser of its own.
	 */
	@BeforeEach
	void startBothApplications() {
		if (this.startFailure != null) {
			throw this.startFailure;
		}
		if (this.ourApplication == null) {
			try {
				start();
			}
			catch (TestAbortedException ex) {
				throw ex;
			}
			catch (RuntimeException ex) {
				this.startFailure = ex;
				throw ex;
			}
		}
		this.outputMark = djangoServer().outputMark();
		this.browser = new SharedBrowser();
		this.django = this.browser.site("Django", djangoServer().url());
		Integer port = this.ourApplication.getEnvironment().getProperty("local.server.port", Integer.class);
		assertThat(port).as("local.server.port").isNotNull();
		this.ours = this.browser.site("ours", URI.create("http://127.0.0.1:" + port));
	}

	private void start() {
		DjangoServer.Python python = DjangoServer.python();
		this.database = InteropDatabase.create();
		Settings settings = new Settings().django("SECRET_KEY", this.secretKey)
			.django("SESSION_ENGINE", engine())
			.ours("session.engine", engine())
			.ours("session.secret-key", this.secretKey)
			.ours("spring.datasource.url", this.database.jdbcUrl())
			// Django's migrate creates django_session; the registry's tables are
			// created as a deployment creates them without the starter
			.ours("session.db.initialize-schema", "never")
			.ours("session.django.auth.enabled", String.valueOf(sharesLogins()));
		this.database.djangoSettings().forEach(settings::django);
		configure(settings);
		this.djangoServer = DjangoServer.start(python, settings.django, engine());
		this.database.createRegistryTables();
		this.ourApplication = SpringApplication.run(application(), settings.ourArguments());
	}

	@AfterAll
	void stopBothApplications() {
		try {
			if (this.ourApplication != null) {
				this.ourApplication.close();
			}
		}
		finally {
			try {
				if (this.djangoServer != null) {
					this.djangoServer.close();
				}
			}
			finally {
				if (this.database != null) {
					this.database.close();
				}
			}
		}
	}

	@Test
	void valuesSetOnDjangoAreReadIdenticallyByOurs() {
		django().post("/session", "{\"set\": " + VALUES + "}").json();
		assertThat(browser().cookie()).as("Django's session cookie").isNotNull();
		assertThat(ours().get("/api/session").json()).isEqualTo(SharedBrowser.json(VALUES));
		assertSameKeyOnBothSides();
	}

	@Test
	void valuesSetOnOursAreReadIdenticallyByDjango() {
		List<Map<String, Object>> operations = new ArrayList<>();
		SharedBrowser.json(VALUES)
			.properties()
			.forEach((entry) -> operations.add(Map.of("op", "set", "key", entry.getKey(), "value", entry.getValue())));
		ops(SharedBrowser.json(operations));
		assertThat(browser().cookie()).as("our session cookie").isNotNull();
		assertThat(django().get("/session").json().get("session")).isEqualTo(SharedBrowser.json(VALUES));
		assertSameKeyOnBothSides();
	}

	/**
	 * Python's {@code json} writes {@code NaN} and the infinities, unquoted: a Django
	 * session holding them is read by ours and, after a change on ours, Django still
	 * reads the same numbers.
	 */
	@Test
	void nonFiniteNumbersOfDjangoSurviveAChangeOnOurs() {
		django().post("/session", "{\"set\": {\"nan\": NaN, \"inf\": Infinity, \"ninf\": -Infinity}}").json();
		assertThat(ops("[{\"op\": \"set\", \"key\": \"x\", \"value\": 1}, {\"op\": \"keys\"}]").get(1))
			.as("the keys ours reads")
			.containsExactlyInAnyOrder(SharedBrowser.json("\"nan\""), SharedBrowser.json("\"inf\""),
					SharedBrowser.json("\"ninf\""), SharedBrowser.json("\"x\""));
		JsonNode session = django().get("/session").json().get("session");
		assertThat(session.get("nan").doubleValue()).isNaN();
		assertThat(session.get("inf").doubleValue()).isEqualTo(Double.POSITIVE_INFINITY);
		assertThat(session.get("ninf").doubleValue()).isEqualTo(Double.NEGATIVE_INFINITY);
		assertThat(session.get("x").intValue()).isOne();
	}

	@Test
	void changesOnEitherSideAreSeenOnTheOther() {
		django().post("/session", "{\"set\": {\"a\": 1, \"b\": \"two\"}}").json();
		String first = browser().cookie();
		assertThat(ops("[{\"op\": \"set\", \"key\": \"c\", \"value\": [3]}, {\"op\": \"pop\", \"key\": \"a\"}]"))
			.isEqualTo(SharedBrowser.json("[null, 1]"));
		assertThat(django().get("/session").json().get("session"))
			.isEqualTo(SharedBrowser.json("{\"b\": \"two\", \"c\": [3]}"));
		django().post("/session", "{\"set\": {\"d\": {\"e\": null}}, \"delete\": [\"b\"]}").json();
		assertThat(ours().get("/api/session").json())
			.isEqualTo(SharedBrowser.json("{\"c\": [3], \"d\": {\"e\": null}}"));
		if (!cookieIsTheData()) {
			assertThat(browser().cookie()).as("the session key after changes on both sides").isEqualTo(first);
		}
		assertSameKeyOnBothSides();
	}

	@Test
	void secondsExpirySetOnDjangoIsHonouredByOurs() {
		django().post("/session", "{\"set\": {\"a\": 1}}").json();
		Instant saved = Instant.now();
		django().post("/expiry", "{\"seconds\": " + SHORT_EXPIRY + "}").json();
		String cookie = browser().cookie();
		JsonNode live = ops("[{\"op\": \"get\", \"key\": \"a\"}, {\"op\": \"expiry-info\"}]");
		assertThat(live.get(0).intValue()).isOne();
		assertThat(live.get(1).get("age").longValue()).isEqualTo(SHORT_EXPIRY);
		assertThat(live.get(1).get("browserClose").booleanValue()).isFalse();
		sleepUntil(saved.plus(SHORT_EXPIRY_PASSED));
		browser().cookie(cookie);
		assertThat(ours().get("/api/session").json()).isEqualTo(SharedBrowser.json("{}"));
	}

	@Test
	void secondsExpirySetOnOursIsSeenByDjango() {
		Instant saved = Instant.now();
		ops("[{\"op\": \"set\", \"key\": \"a\", \"value\": 1}, {\"op\": \"expiry\", \"value\": " + SHORT_EXPIRY + "}]");
		String cookie = browser().cookie();
		JsonNode data = SharedBrowser.json("{\"a\": 1, \"_session_expiry\": " + SHORT_EXPIRY + "}");
		assertThat(django().get("/session").json().get("session")).isEqualTo(data);
		JsonNode expiry = django().get("/expiry").json();
		assertThat(expiry.get("age").longValue()).isEqualTo(SHORT_EXPIRY);
		assertThat(expiry.get("browser_close").booleanValue()).isFalse();
		sleepUntil(saved.plus(SHORT_EXPIRY_PASSED));
		browser().cookie(cookie);
		assertThat(django().get("/session").json().get("session")).as("Django's view of the session past its expiry")
			.isEqualTo(djangoEnforcesSecondsExpiry() ? SharedBrowser.json("{}") : data);
		browser().cookie(cookie);
		assertThat(ours().get("/api/session").json()).isEqualTo(SharedBrowser.json("{}"));
	}

	@Test
	void dateExpirySetOnOursIsHonouredByDjango() {
		assumeTrue(djangoLoadsDateExpiry(),
				() -> "Django " + djangoServer().version() + "'s " + engine()
						+ " engine cannot load a session whose expiry is a date: it compares the ISO-8601 string with a"
						+ " number and answers 500 (Django 4.1 parses it)");
		Instant date = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).plusNanos(123_456_000);
		ops("[{\"op\": \"set\", \"key\": \"a\", \"value\": 1}, {\"op\": \"expiry\", \"value\": \"" + date + "\"}]");
		String cookie = browser().cookie();
		JsonNode seen = django().get("/session").json().get("session");
		assertThat(seen.get("a").intValue()).isOne();
		assertThat(seen.get("_session_expiry").stringValue()).matches(PYTHON_ISO_FORMAT);
		if (djangoServer().isAtLeast(4, 1)) {
			JsonNode expiry = django().get("/expiry").json();
			assertThat(OffsetDateTime.parse(expiry.get("date").stringValue()).toInstant()).isEqualTo(date);
			assertThat(expiry.get("age").longValue()).isCloseTo(3600, within(10L));
		}
		Page expired = ours().post("/api/ops", "[{\"op\": \"expiry\", \"value\": \"2001-02-03T04:05:06Z\"}]");
		browser().cookie((expired.sessionCookie() != null) ? expired.sessionCookie() : cookie);
		JsonNode after = django().get("/session").json().get("session");
		if (djangoEnforcesDateExpiry()) {
			assertThat(after).as("Django's view of the session past its expiry date")
				.isEqualTo(SharedBrowser.json("{}"));
		}
		else {
			assertThat(after.get("a").intValue()).as("Django's view of the session past its expiry date").isOne();
		}
	}

	@Test
	void dateExpirySetOnDjangoIsHonouredByOurs() {
		assumeTrue(djangoServer().isAtLeast(4, 1), () -> "Django " + djangoServer().version()
				+ " cannot store a date expiry in a JSON session: set_expiry(datetime) fails with 'Object of type"
				+ " datetime is not JSON serializable' (Django 4.1 stores the date as an ISO-8601 string)");
		Instant date = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).plusNanos(123_456_000);
		django().post("/session", "{\"set\": {\"a\": 1}}").json();
		String cookie = browser().cookie();
		django().post("/expiry", "{\"date\": \"" + date + "\"}").json();
		JsonNode info = ops("[{\"op\": \"expiry-info\"}]").get(0);
		assertThat(OffsetDateTime.parse(info.get("date").stringValue()).toInstant()).isEqualTo(date);
		Page expired = django().post("/expiry", "{\"date\": \"2001-02-03T04:05:06+00:00\"}");
		assertThat(expired.status()).as(expired.toString()).isEqualTo(200);
		browser().cookie((expired.sessionCookie() != null) ? expired.sessionCookie() : cookie);
		assertThat(ours().get("/api/session").json()).isEqualTo(SharedBrowser.json("{}"));
	}

	@Test
	void flushOnDjangoEndsTheSessionOnOurs() {
		django().post("/session", "{\"set\": {\"a\": 1}}").json();
		String old = browser().cookie();
		django().post("/flush", "{}").json();
		assertThat(browser().cookie()).as("the cookie after Django's flush").isNull();
		assertThat(ours().get("/api/session").json()).isEqualTo(SharedBrowser.json("{}"));
		assertOldSessionIsDead(old, ours(), django());
	}

	@Test
	void flushOnOursEndsTheSessionOnDjango() {
		ops("[{\"op\": \"set\", \"key\": \"a\", \"value\": 1}]");
		String old = browser().cookie();
		ops("[{\"op\": \"flush\"}]");
		assertThat(browser().cookie()).as("the cookie after our flush").isNull();
		assertThat(django().get("/session").json().get("session")).isEqualTo(SharedBrowser.json("{}"));
		assertOldSessionIsDead(old, django(), ours());
	}

	@Test
	void logoutOnDjangoEndsTheSessionOnOurs() {
		django().post("/session", "{\"set\": {\"a\": 1}}").json();
		assertThat(user(django().post("/login", ALICE))).isEqualTo("alice");
		String loggedIn = browser().cookie();
		assertThat(ours().get("/api/session").json().get("a").intValue()).isOne();
		assertThat(user(django().post("/logout", "{}"))).isNull();
		assertThat(browser().cookie()).as("the cookie after Django's logout").isNull();
		assertOldSessionIsDead(loggedIn, ours(), django());
	}

	@Test
	void logoutOnOursEndsTheSessionOnDjango() {
		ops("[{\"op\": \"set\", \"key\": \"a\", \"value\": 1}]");
		Page login = ours().post("/api/login", ALICE);
		assertThat(user(login)).isEqualTo("alice");
		String loggedIn = browser().cookie();
		assertThat(django().get("/session").json().get("session").get("a").intValue()).isOne();
		Page logout = ours().post("/api/logout", "");
		assertThat(logout.status()).as(logout.toString()).isEqualTo(204);
		assertThat(browser().cookie()).as("the cookie after our logout").isNull();
		assertThat(user(django().get("/whoami"))).isNull();
		assertOldSessionIsDead(loggedIn, django(), ours());
	}

	@Test
	void aLoginOnDjangoIsALoginOnOurs() {
		assumeTrue(sharesLogins(), "logins are shared only with the login bridge");
		assertThat(user(django().post("/login", ALICE))).isEqualTo("alice");
		assertThat(user(ours().get("/api/me"))).isEqualTo("alice");
	}

	@Test
	void aLoginOnOursIsALoginOnDjango() {
		assumeTrue(sharesLogins(), "logins are shared only with the login bridge");
		assertThat(user(ours().post("/api/login", ALICE))).as("our login with alice's Django password")
			.isEqualTo("alice");
		Page whoami = django().get("/whoami");
		assertThat(user(whoami)).isEqualTo("alice");
		assertThat(whoami.json().get("groups").toString()).isEqualTo("[\"readers\"]");
	}

	@Test
	void anInactiveDjangoUserCannotLogInOnOurs() {
		assumeTrue(sharesLogins(), "our users are Django's only with the login bridge");
		assertThat(ours().post("/api/login", INACTIVE).status()).isEqualTo(401);
		assertThat(django().post("/login", INACTIVE).status()).isEqualTo(401);
	}

	/**
	 * Django logs alice in, then ours logs bob in on the same session: as in Django, a
	 * login as another user starts from an empty session, so neither application still
	 * sees alice or her data. Without the bridge, Django sees nobody.
	 */
	@Test
	void aLoginOnOursAsAnotherUserStartsFromAnEmptySessionOnBothSides() {
		assertThat(user(django().post("/login", ALICE))).isEqualTo("alice");
		django().post("/session", "{\"set\": {\"alices\": 1}}").json();
		assertThat(user(ours().post("/api/login", BOB))).isEqualTo("bob");
		assertThat(user(ours().get("/api/me"))).isEqualTo("bob");
		assertThat(user(django().get("/whoami"))).as("the user Django sees after bob logged in on ours")
			.isEqualTo(sharesLogins() ? "bob" : null);
		assertThat(django().get("/session").json().get("session").has("alices")).as("alice's data").isFalse();
	}

	/**
	 * Ours logs bob in, then Django logs alice in on the same session: with the bridge,
	 * Django's rule flushes bob's session and both see alice; without it, Django keeps
	 * the session's data (bob's Spring Security login too), and ours then sees two logins
	 * that disagree, so nobody.
	 */
	@Test
	void aLoginOnDjangoAsAnotherUserIsNeverBobOnOurs() {
		assertThat(user(ours().post("/api/login", BOB))).isEqualTo("bob");
		assertThat(user(django().post("/login", ALICE))).isEqualTo("alice");
		assertThat(user(ours().get("/api/me"))).as("the user ours sees after alice logged in on Django")
			.isEqualTo(sharesLogins() ? "alice" : null);
	}

	@Test
	void aLogoutOnOursEndsADjangoLogin() {
		assumeTrue(sharesLogins(), "logins are shared only with the login bridge");
		assertThat(user(django().post("/login", ALICE))).isEqualTo("alice");
		assertThat(ours().post("/api/logout", "").status()).isEqualTo(204);
		assertThat(user(django().get("/whoami"))).isNull();
		assertThat(user(ours().get("/api/me"))).isNull();
	}

	@Test
	void aLogoutOnDjangoEndsALoginOnOurs() {
		assumeTrue(sharesLogins(), "logins are shared only with the login bridge");
		assertThat(user(ours().post("/api/login", ALICE))).isEqualTo("alice");
		assertThat(user(django().post("/logout", "{}"))).isNull();
		assertThat(user(ours().get("/api/me"))).isNull();
		assertThat(user(django().get("/whoami"))).isNull();
	}

	/**
	 * A password change on Django logs the user out of every other session, on ours too,
	 * as in Django; the device that changed it stays logged in on both.
	 */
	@Test
	void aPasswordChangeOnDjangoEndsTheUsersOtherSessionsOnOurs() {
		assumeTrue(sharesLogins(), "logins are shared only with the login bridge");
		assertThat(user(ours().post("/api/login", STAFF))).isEqualTo("staff");
		SharedBrowser other = new SharedBrowser();
		Site otherDjango = other.site("Django", djangoServer().url());
		Site otherOurs = other.site("ours", ours().url());
		assertThat(user(otherDjango.post("/login", STAFF))).isEqualTo("staff");
		try {
			assertThat(user(otherDjango.post("/password", "{\"password\": \"staff-password-2\"}"))).isEqualTo("staff");
			assertThat(user(ours().get("/api/me"))).as("ours, on the session logged in before the change").isNull();
			assertThat(user(otherOurs.get("/api/me"))).as("ours, on the device that changed the password")
				.isEqualTo("staff");
		}
		finally {
			otherDjango.post("/password", "{\"password\": \"staff-password\"}").json();
		}
	}

	/**
	 * Assert that a session ended on one side is dead on the other: replaying its cookie
	 * reads an empty session, a write with it gets a new key rather than bringing the old
	 * one back, and the old key stays dead on the first side.
	 */
	private void assertOldSessionIsDead(String old, Site other, Site ending) {
		if (cookieIsTheData()) {
			// a copy of a signed cookie is the data itself: only the browser forgets it
			return;
		}
		browser().cookie(old);
		assertThat(sessionOn(other)).as("%s's session when the old cookie is replayed", other.name())
			.isEqualTo(SharedBrowser.json("{}"));
		browser().cookie(old);
		write(other, "b", 2);
		assertThat(browser().cookie()).as("the cookie of %s's write with the old cookie", other.name())
			.isNotNull()
			.isNotEqualTo(old);
		browser().cookie(old);
		assertThat(sessionOn(ending)).as("%s's session when the old cookie is replayed", ending.name())
			.isEqualTo(SharedBrowser.json("{}"));
	}

	private JsonNode sessionOn(Site site) {
		return (site == django()) ? django().get("/session").json().get("session") : ours().get("/api/session").json();
	}

	private void write(Site site, String key, int value) {
		if (site == django()) {
			django().post("/session", "{\"set\": {\"" + key + "\": " + value + "}}").json();
		}
		else {
			ops("[{\"op\": \"set\", \"key\": \"" + key + "\", \"value\": " + value + "}]");
		}
	}

	private void assertSameKeyOnBothSides() {
		if (cookieIsTheData()) {
			return;
		}
		String cookie = browser().cookie();
		assertThat(django().get("/session").json().get("session_key").stringValue()).as("Django's session key")
			.isEqualTo(cookie);
		assertThat(ops("[{\"op\": \"key\"}]").get(0).stringValue()).as("our session key").isEqualTo(cookie);
	}

	/**
	 * Run operations on our session ({@code POST /api/ops}).
	 * @param operations the operations, a JSON array
	 * @return their results
	 */
	JsonNode ops(String operations) {
		return ours().post("/api/ops", operations).json();
	}

	/**
	 * Return the user a response of either application names.
	 * @param page a response of Django's {@code /login}, {@code /logout} or
	 * {@code /whoami}, or of our {@code /api/login} or {@code /api/me}
	 * @return the user name, or {@code null} when the session is anonymous
	 */
	static @Nullable String user(Page page) {
		if (page.status() == 401) {
			return null;
		}
		JsonNode user = page.json().get("user");
		return (user == null || user.isNull()) ? null : user.stringValue();
	}

	public SharedBrowser browser() {
		return this.browser;
	}

	public Site django() {
		assertThat(this.django).as("Django's site").isNotNull();
		return this.django;
	}

	public Site ours() {
		assertThat(this.ours).as("our site").isNotNull();
		return this.ours;
	}

	public DjangoServer djangoServer() {
		assertThat(this.djangoServer).as("Django").isNotNull();
		return this.djangoServer;
	}

	InteropDatabase database() {
		assertThat(this.database).as("the database").isNotNull();
		return this.database;
	}

	static void sleepUntil(Instant deadline) {
		Duration wait = Duration.between(Instant.now(), deadline);
		if (!wait.isNegative()) {
			try {
				Thread.sleep(wait.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	/**
	 * What the two applications are started with: Django's environment variables and the
	 * demo's properties.
	 */
	static final class Settings {

		private final Map<String, String> django = new LinkedHashMap<>();

		private final Map<String, String> ours = new LinkedHashMap<>();

		/**
		 * Set an environment variable that the Django project's settings read.
		 * @param name the variable
		 * @param value its value
		 * @return these settings
		 */
		Settings django(String name, String value) {
			this.django.put(name, value);
			return this;
		}

		/**
		 * Set a property of the demo application.
		 * @param name the property
		 * @param value its value
		 * @return these settings
		 */
		Settings ours(String name, String value) {
			this.ours.put(name, value);
			return this;
		}

		private String[] ourArguments() {
			List<String> arguments = new ArrayList<>(
					List.of("--server.address=127.0.0.1", "--server.port=0", "--spring.main.banner-mode=off"));
			// command-line arguments, so that no SESSION_* variable of the shell
			// overrides them
			this.ours.forEach((name, value) -> arguments.add("--" + name + "=" + value));
			return arguments.toArray(String[]::new);
		}

	}

}
