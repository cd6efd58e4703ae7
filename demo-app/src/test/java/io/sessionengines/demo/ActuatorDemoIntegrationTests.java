package io.sessionengines.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session engine seen through Actuator over HTTP, with the {@code db} engine: the
 * {@code sessionStore} health component, the {@code session.engine.operations} and
 * {@code session.cookie.size} metrics, the {@code sessionstore} endpoint (purge, look-up
 * without values, delete as a logout), and the {@code sessions} endpoint on the registry
 * of each user's sessions (which the demo does not expose: it has no administrators).
 *
 * @author Session Engines contributors
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "session.engine=" + ActuatorDemoIntegrationTests.ENGINE,
				"spring.datasource.url=jdbc:h2:mem:actuator;DB_CLOSE_DELAY=-1",
				"management.endpoints.web.exposure.include=health,metrics,sessionstore,sessions" })
class ActuatorDemoIntegrationTests {

	static final String ENGINE = "db";

	private static final String OPERATIONS = "/actuator/metrics/session.engine.operations";

	private static final String COOKIE_SIZE = "/actuator/metrics/session.cookie.size";

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	private DemoHttp http;

	@BeforeEach
	void createClient() {
		this.http = new DemoHttp(this.port);
	}

	@Test
	void healthShowsTheSessionStoreUpWithItsEngine() {
		Reply reply = this.http.get("/actuator/health", null);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		JsonNode store = reply.json().path("components").path("sessionStore");
		assertThat(store.path("status").stringValue()).as(reply.toString()).isEqualTo("UP");
		assertThat(store.path("details").path("engine").stringValue()).as(reply.toString()).isEqualTo(ENGINE);
		assertThat(reply.setCookies()).isEmpty();
	}

	@Test
	void engineOperationsAreTimedByOperationAndResult() {
		double created = count(OPERATIONS + "?tag=operation:save&tag=result:created");
		double updated = count(OPERATIONS + "?tag=operation:save&tag=result:updated");
		double hits = count(OPERATIONS + "?tag=operation:load&tag=result:hit");
		String cookie = this.http.get("/api/visits", null).newSessionCookie();
		assertThat(this.http.get("/api/peek", cookie).body()).isEqualTo("1");
		assertThat(this.http.get("/api/visits", cookie).body()).isEqualTo("2");
		Reply reply = this.http.get(OPERATIONS, null);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		JsonNode metric = reply.json();
		assertThat(statistics(metric)).as(reply.toString()).contains("COUNT", "TOTAL_TIME", "MAX");
		assertThat(tagValues(metric, "operation")).as(reply.toString()).contains("load", "save");
		assertThat(tagValues(metric, "result")).as(reply.toString()).contains("hit", "created", "updated");
		assertThat(tagValues(metric, "engine")).as(reply.toString()).containsExactly(ENGINE);
		assertThat(count(OPERATIONS + "?tag=operation:save&tag=result:created")).isGreaterThanOrEqualTo(created + 1);
		assertThat(count(OPERATIONS + "?tag=operation:save&tag=result:updated")).isGreaterThanOrEqualTo(updated + 1);
		assertThat(count(OPERATIONS + "?tag=operation:load&tag=result:hit")).isGreaterThanOrEqualTo(hits + 2);
	}

	@Test
	void cookieSizesAreRecorded() {
		SetCookie cookie = this.http.get("/api/visits", null).sessionCookie();
		assertThat(cookie).isNotNull();
		Reply reply = this.http.get(COOKIE_SIZE, null);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		JsonNode metric = reply.json();
		double count = statistic(metric, "COUNT");
		assertThat(count).as(reply.toString()).isGreaterThanOrEqualTo(1);
		// every cookie of the db engine is a 32-character key: as long as this one
		assertThat(statistic(metric, "TOTAL")).as(reply.toString()).isEqualTo(count * cookie.size());
		assertThat(statistic(metric, "MAX")).as(reply.toString()).isEqualTo(cookie.size());
		assertThat(metric.path("baseUnit").stringValue()).isEqualTo("bytes");
	}

	@Test
	void purgeRemovesTheExpiredSessionsOnly() {
		purge();
		String live = this.http.get("/api/visits", null).newSessionCookie();
		List<String> expired = new ArrayList<>();
		expired.add(expiredSession("-10"));
		expired.add(expiredSession("'2001-02-03T04:05:06Z'"));
		assertThat(rows(live)).isOne();
		assertThat(expired).allSatisfy((key) -> assertThat(rows(key)).isOne());
		JsonNode result = purge();
		assertThat(result.path("removed").isIntegralNumber()).as(result.toString()).isTrue();
		assertThat(result.path("removed").longValue()).as(result.toString()).isEqualTo(expired.size());
		assertThat(result.path("expiresByItself").booleanValue()).as(result.toString()).isFalse();
		assertThat(expired).allSatisfy((key) -> assertThat(rows(key)).isZero());
		assertThat(rows(live)).isOne();
		assertThat(this.http.get("/api/peek", live).body()).isEqualTo("1");
		assertThat(purge().path("removed").longValue()).isZero();
	}

	@Test
	void sessionLookUpShowsEntryNamesButNoValues() {
		String secret = "secret-" + UUID.randomUUID();
		String anonymous = this.http
			.post("/api/ops",
					DemoApi.quotes("[{'op':'set','key':'note','value':'" + secret + "'},{'op':'expiry','value':300}]"),
					null)
			.newSessionCookie();
		String cookie = login(anonymous);
		Reply reply = this.http.get("/actuator/sessionstore/" + cookie, null);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		JsonNode session = reply.json();
		List<String> entries = new ArrayList<>();
		session.path("entries").forEach((entry) -> entries.add(entry.stringValue()));
		assertThat(entries).as(reply.toString()).contains("note", "_session_expiry", "SPRING_SECURITY_CONTEXT");
		assertThat(session.path("customExpiry").stringValue()).as(reply.toString()).isEqualTo("300");
		assertThat(session.path("keyHash").stringValue()).as(reply.toString()).isNotBlank();
		assertThat(reply.body()).doesNotContain(secret).doesNotContain(LoginChecks.ALICE).doesNotContain(cookie);
		assertThat(reply.setCookies()).isEmpty();
		assertThat(this.http.get("/actuator/sessionstore/" + anonymous, null).status()).isEqualTo(404);
		assertThat(this.http.get("/actuator/sessionstore/" + DemoApi.randomKey(), null).status()).isEqualTo(404);
	}

	@Test
	void deletingASessionLogsItsUserOut() {
		String alice = login(null);
		String other = this.http.post("/api/login", "{\"username\":\"bob\",\"password\":\"builder\"}", null)
			.newSessionCookie();
		Reply delete = this.http.delete("/actuator/sessionstore/" + alice, null);
		assertThat(delete.status()).as(delete.toString()).isEqualTo(204);
		assertThat(rows(alice)).isZero();
		Reply me = this.http.get("/api/me", alice);
		assertThat(me.status()).as(me.toString()).isEqualTo(401);
		DemoApi.assertDeletionCookie(me);
		assertThat(this.http.get("/api/me", other).json().path("user").stringValue()).isEqualTo("bob");
		assertThat(this.http.get("/actuator/sessionstore/" + alice, null).status()).isEqualTo(404);
	}

	private String login(@Nullable String cookie) {
		Reply login = this.http.post("/api/login", "{\"username\":\"alice\",\"password\":\"wonderland\"}", cookie);
		assertThat(login.status()).as(login.toString()).isEqualTo(200);
		String loggedIn = login.newSessionCookie();
		Reply me = this.http.get("/api/me", loggedIn);
		assertThat(me.json().path("user").stringValue()).as(me.toString()).isEqualTo(LoginChecks.ALICE);
		return loggedIn;
	}

	private String expiredSession(String expiry) {
		return this.http
			.post("/api/ops",
					DemoApi.quotes("[{'op':'set','key':'a','value':1},{'op':'expiry','value':" + expiry + "}]"), null)
			.newSessionCookie();
	}

	private JsonNode purge() {
		Reply reply = this.http.post("/actuator/sessionstore", "", null);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		return reply.json();
	}

	private int rows(String key) {
		Integer rows = this.jdbc.queryForObject("select count(*) from django_session where session_key = ?",
				Integer.class, key);
		return (rows != null) ? rows : 0;
	}

	/**
	 * Return the {@code COUNT} of a metric, {@code 0} when it has not been recorded yet.
	 */
	private double count(String path) {
		Reply reply = this.http.get(path, null);
		if (reply.status() == 404) {
			return 0;
		}
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		return statistic(reply.json(), "COUNT");
	}

	private static double statistic(JsonNode metric, String name) {
		for (JsonNode measurement : metric.path("measurements")) {
			if (name.equals(measurement.path("statistic").stringValue())) {
				return measurement.path("value").doubleValue();
			}
		}
		throw new AssertionError("No " + name + " in " + metric);
	}

	private static List<String> statistics(JsonNode metric) {
		List<String> statistics = new ArrayList<>();
		metric.path("measurements")
			.forEach((measurement) -> statistics.add(measurement.path("statistic").stringValue()));
		return statistics;
	}

	private static List<String> tagValues(JsonNode metric, String tag) {
		List<String> values = new ArrayList<>();
		for (JsonNode available : metric.path("availableTags")) {
			if (tag.equals(available.path("tag").stringValue())) {
				available.path("values").forEach((value) -> values.add(value.stringValue()));
			}
		}
		return values;
	}

	@Test
	void sessionsEndpointListsShowsAndEndsAUsersSessionsWithoutTheirKeys() {
		Reply login = this.http.post("/api/login", "{\"username\":\"bob\",\"password\":\"builder\"}", null);
		String cookie = login.newSessionCookie();
		Reply list = this.http.get("/actuator/sessions?username=bob", null);
		assertThat(list.status()).as(list.toString()).isEqualTo(200);
		JsonNode sessions = list.json().get("sessions");
		assertThat(sessions).isNotEmpty();
		JsonNode newest = sessions.get(0);
		assertThat(newest.get("username").stringValue()).isEqualTo("bob");
		assertThat(list.body()).doesNotContain(cookie);
		String id = newest.get("id").stringValue();
		Reply one = this.http.get("/actuator/sessions/" + id, null);
		assertThat(one.status()).as(one.toString()).isEqualTo(200);
		assertThat(one.json().get("id").stringValue()).isEqualTo(id);
		assertThat(one.json().propertyNames()).containsExactlyInAnyOrder("id", "username", "creationTime",
				"authenticationTime", "lastAccessedTime", "expiryTime", "userAgent", "ip");
		assertThat(this.http.get("/actuator/sessions/" + cookie, null).status()).isEqualTo(404);
		assertThat(this.http.get("/actuator/sessions/nonsense", null).status()).isEqualTo(404);
		Reply end = this.http.delete("/actuator/sessions/" + id, null);
		assertThat(end.status()).as(end.toString()).isEqualTo(204);
		assertThat(this.http.get("/api/me", cookie).status()).isEqualTo(401);
		assertThat(this.http.get("/actuator/sessions/" + id, null).status()).isEqualTo(404);
	}

}
