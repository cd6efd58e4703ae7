package io.sessionengines.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session engine seen through Actuator over HTTP, on both stacks, with the
 * {@value #ENGINE} engine: the {@code sessionStore} health component, the
 * {@code session.engine.operations} and {@code session.cookie.size} metrics, the
 * {@code sessionstore} endpoint (purge, look-up without values, delete as a logout), and
 * the {@code sessions} endpoint on the registry of each user's sessions (which the demos
 * do not expose: they have no administrators). The Actuator test class of each stack runs
 * the application with that engine and those endpoints exposed, and implements this
 * interface.
 *
 * @author Session Engines contributors
 */
public interface ActuatorChecks {

	/**
	 * The engine the implementing tests must configure.
	 */
	String ENGINE = "db";

	/**
	 * The endpoints the implementing tests must expose.
	 */
	String EXPOSED = "health,metrics,sessionstore,sessions";

	/**
	 * The metric of the engine's operations.
	 */
	String OPERATIONS = "/actuator/metrics/session.engine.operations";

	/**
	 * The metric of the session cookies' sizes.
	 */
	String COOKIE_SIZE = "/actuator/metrics/session.cookie.size";

	/**
	 * Return the client of the running application.
	 * @return the client
	 */
	DemoHttp http();

	/**
	 * Return the application's access to its database, which holds the sessions.
	 * @return the access to the database
	 */
	JdbcTemplate jdbc();

	@Test
	default void healthShowsTheSessionStoreUpWithItsEngine() {
		Reply reply = http().get("/actuator/health", null);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		JsonNode store = reply.json().path("components").path("sessionStore");
		assertThat(store.path("status").stringValue()).as(reply.toString()).isEqualTo("UP");
		assertThat(store.path("details").path("engine").stringValue()).as(reply.toString()).isEqualTo(ENGINE);
		assertThat(reply.setCookies()).isEmpty();
	}

	@Test
	default void engineOperationsAreTimedByOperationAndResult() {
		double created = count(OPERATIONS + "?tag=operation:save&tag=result:created");
		double updated = count(OPERATIONS + "?tag=operation:save&tag=result:updated");
		double hits = count(OPERATIONS + "?tag=operation:load&tag=result:hit");
		String cookie = http().get("/api/visits", null).newSessionCookie();
		assertThat(http().get("/api/peek", cookie).body()).isEqualTo("1");
		assertThat(http().get("/api/visits", cookie).body()).isEqualTo("2");
		Reply reply = http().get(OPERATIONS, null);
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
	default void cookieSizesAreRecorded() {
		SetCookie cookie = http().get("/api/visits", null).sessionCookie();
		assertThat(cookie).isNotNull();
		Reply reply = http().get(COOKIE_SIZE, null);
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
	default void purgeRemovesTheExpiredSessionsOnly() {
		purge();
		String live = http().get("/api/visits", null).newSessionCookie();
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
		assertThat(http().get("/api/peek", live).body()).isEqualTo("1");
		assertThat(purge().path("removed").longValue()).isZero();
	}

	@Test
	default void sessionLookUpShowsEntryNamesButNoValues() {
		String secret = "secret-" + UUID.randomUUID();
		String anonymous = http()
			.post("/api/ops",
					DemoApi.quotes("[{'op':'set','key':'note','value':'" + secret + "'},{'op':'expiry','value':300}]"),
					null)
			.newSessionCookie();
		String cookie = login(anonymous);
		Reply reply = http().get("/actuator/sessionstore/" + cookie, null);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		JsonNode session = reply.json();
		List<String> entries = new ArrayList<>();
		session.path("entries").forEach((entry) -> entries.add(entry.stringValue()));
		assertThat(entries).as(reply.toString()).contains("note", "_session_expiry", "SPRING_SECURITY_CONTEXT");
		assertThat(session.path("customExpiry").stringValue()).as(reply.toString()).isEqualTo("300");
		assertThat(session.path("keyHash").stringValue()).as(reply.toString()).isNotBlank();
		assertThat(reply.body()).doesNotContain(secret).doesNotContain(LoginChecks.ALICE).doesNotContain(cookie);
		assertThat(reply.setCookies()).isEmpty();
		assertThat(http().get("/actuator/sessionstore/" + anonymous, null).status()).isEqualTo(404);
		assertThat(http().get("/actuator/sessionstore/" + DemoApi.randomKey(), null).status()).isEqualTo(404);
	}

	@Test
	default void deletingASessionLogsItsUserOut() {
		String alice = login(null);
		String other = http().post("/api/login", "{\"username\":\"bob\",\"password\":\"builder\"}", null)
			.newSessionCookie();
		Reply delete = http().delete("/actuator/sessionstore/" + alice, null);
		assertThat(delete.status()).as(delete.toString()).isEqualTo(204);
		assertThat(rows(alice)).isZero();
		Reply me = http().get("/api/me", alice);
		assertThat(me.status()).as(me.toString()).isEqualTo(401);
		DemoApi.assertDeletionCookie(me);
		assertThat(http().get("/api/me", other).json().path("user").stringValue()).isEqualTo("bob");
		assertThat(http().get("/actuator/sessionstore/" + alice, null).status()).isEqualTo(404);
	}

	private String login(@Nullable String cookie) {
		Reply login = http().post("/api/login", "{\"username\":\"alice\",\"password\":\"wonderland\"}", cookie);
		assertThat(login.status()).as(login.toString()).isEqualTo(200);
		String loggedIn = login.newSessionCookie();
		Reply me = http().get("/api/me", loggedIn);
		assertThat(me.json().path("user").stringValue()).as(me.toString()).isEqualTo(LoginChecks.ALICE);
		return loggedIn;
	}

	private String expiredSession(String expiry) {
		return http()
			.post("/api/ops",
					DemoApi.quotes("[{'op':'set','key':'a','value':1},{'op':'expiry','value':" + expiry + "}]"), null)
			.newSessionCookie();
	}

	private JsonNode purge() {
		Reply reply = http().post("/actuator/sessionstore", "", null);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		return reply.json();
	}

	private int rows(String key) {
		Integer rows = jdbc().queryForObject("select count(*) from django_session where session_key = ?", Integer.class,
				key);
		return (rows != null) ? rows : 0;
	}

	/**
	 * Return the {@code COUNT} of a metric, {@code 0} when it has not been recorded yet.
	 */
	private double count(String path) {
		Reply reply = http().get(path, null);
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
	default void sessionsEndpointListsShowsAndEndsAUsersSessionsWithoutTheirKeys() {
		Reply login = http().post("/api/login", "{\"username\":\"bob\",\"password\":\"builder\"}", null);
		String cookie = login.newSessionCookie();
		Reply list = http().get("/actuator/sessions?username=bob", null);
		assertThat(list.status()).as(list.toString()).isEqualTo(200);
		JsonNode sessions = list.json().get("sessions");
		assertThat(sessions).isNotEmpty();
		JsonNode newest = sessions.get(0);
		assertThat(newest.get("username").stringValue()).isEqualTo("bob");
		assertThat(list.body()).doesNotContain(cookie);
		String id = newest.get("id").stringValue();
		Reply one = http().get("/actuator/sessions/" + id, null);
		assertThat(one.status()).as(one.toString()).isEqualTo(200);
		assertThat(one.json().get("id").stringValue()).isEqualTo(id);
		assertThat(one.json().propertyNames()).containsExactlyInAnyOrder("id", "username", "creationTime",
				"authenticationTime", "lastAccessedTime", "expiryTime", "userAgent", "ip");
		assertThat(http().get("/actuator/sessions/" + cookie, null).status()).isEqualTo(404);
		assertThat(http().get("/actuator/sessions/nonsense", null).status()).isEqualTo(404);
		Reply end = http().delete("/actuator/sessions/" + id, null);
		assertThat(end.status()).as(end.toString()).isEqualTo(204);
		assertThat(http().get("/api/me", cookie).status()).isEqualTo(401);
		assertThat(http().get("/actuator/sessions/" + id, null).status()).isEqualTo(404);
	}

}
