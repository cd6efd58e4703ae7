package io.sessionengines.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's sessions through the demo ({@code GET /api/sessions}, {@code DELETE
 * /api/sessions/{id}}, {@code POST /api/sessions/revoke-others},
 * {@code POST /api/logout?everywhere=true}), for every engine, on the servlet and the
 * reactive demo alike: an ended session's cookie, replayed, is anonymous with an empty
 * session, whatever the engine.
 *
 * @author Session Engines contributors
 */
public interface UserSessionsChecks extends DemoApiChecks {

	/**
	 * Send a request without a body.
	 * @param method {@code POST} or {@code DELETE}
	 * @param path the path
	 * @param cookie the session cookie, or {@code null}
	 * @return the reply
	 */
	Reply send(String method, String path, @Nullable String cookie);

	/**
	 * Log a demo user in through {@code POST /api/login}.
	 * @param user {@code alice} or {@code bob}
	 * @param cookie the session cookie, or {@code null}
	 * @return the logged-in session's cookie
	 */
	String logIn(String user, @Nullable String cookie);

	@Test
	default void sessionsListsTheUsersLiveSessionsNewestFirst() {
		String phone = logIn("alice", null);
		String laptop = logIn("alice", null);
		Instant before = Instant.now();
		JsonNode sessions = sessions(laptop);
		List<JsonNode> mine = new ArrayList<>();
		sessions.forEach(mine::add);
		assertThat(mine).hasSizeGreaterThanOrEqualTo(2);
		JsonNode newest = mine.get(0);
		assertThat(newest.get("current").booleanValue()).isTrue();
		assertThat(mine.stream().filter((session) -> session.get("current").booleanValue())).hasSize(1);
		assertThat(mine.get(1).get("current").booleanValue()).isFalse();
		for (JsonNode session : mine) {
			assertThat(session.propertyNames()).containsExactlyInAnyOrder("id", "current", "createdAt", "lastSeenAt",
					"userAgent", "ip");
			String id = session.get("id").stringValue();
			assertThat(id).isNotBlank().doesNotContain(phone).doesNotContain(laptop);
			assertThat(phone).doesNotContain(id);
			assertThat(laptop).doesNotContain(id);
			Instant created = Instant.parse(session.get("createdAt").stringValue());
			Instant lastSeen = Instant.parse(session.get("lastSeenAt").stringValue());
			assertThat(created).isBeforeOrEqualTo(before);
			assertThat(lastSeen).isAfterOrEqualTo(created.minusSeconds(1));
			assertThat(session.get("ip").stringValue()).isEqualTo("127.0.0.1");
			assertThat(session.get("userAgent").stringValue()).startsWith("Java-http-client");
		}
		Instant newestCreated = Instant.parse(newest.get("createdAt").stringValue());
		assertThat(mine).allSatisfy((session) -> assertThat(Instant.parse(session.get("createdAt").stringValue()))
			.isBeforeOrEqualTo(newestCreated));
		assertThat(sessions(phone).get(0).get("current").booleanValue()).isFalse();
	}

	@Test
	default void sessionsAnswers401WhenAnonymous() {
		assertThat(get("/api/sessions", null).status()).isEqualTo(401);
		assertThat(send("DELETE", "/api/sessions/AAAAAAAAAAAAAAAAAAAAAA", null).status()).isEqualTo(401);
		assertThat(send("POST", "/api/sessions/revoke-others", null).status()).isEqualTo(401);
	}

	@Test
	default void anEndedSessionsCookieIsAnonymousWithAnEmptySession() {
		String other = logIn("alice", null);
		String current = logIn("alice", null);
		String otherId = idOf(current, false, other);
		Reply end = send("DELETE", "/api/sessions/" + otherId, current);
		assertThat(end.status()).as(end.toString()).isEqualTo(204);
		assertAnonymous(other);
		assertThat(get("/api/me", current).status()).isEqualTo(200);
		assertThat(send("DELETE", "/api/sessions/" + otherId, current).status()).as("ended twice").isEqualTo(404);
		assertThat(ids(current)).doesNotContain(otherId);
	}

	@Test
	default void anotherUsersOrAMalformedIdAnswers404() {
		String bobs = logIn("bob", null);
		String bobsId = ids(bobs).get(0);
		String alices = logIn("alice", null);
		assertThat(send("DELETE", "/api/sessions/" + bobsId, alices).status()).isEqualTo(404);
		for (String malformed : List.of("x", "AAAAAAAAAAAAAAAAAAAAAA", "%27%20OR%201=1", "a".repeat(2000),
				bobsId + "a")) {
			Reply reply = send("DELETE", "/api/sessions/" + malformed, alices);
			assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
		}
		assertThat(get("/api/me", bobs).status()).isEqualTo(200);
		assertThat(ids(bobs)).contains(bobsId);
	}

	@Test
	default void revokeOthersEndsEverySessionButTheCurrentOne() {
		String first = logIn("alice", null);
		String second = logIn("alice", null);
		String bobs = logIn("bob", null);
		String current = logIn("alice", null);
		Reply revoke = send("POST", "/api/sessions/revoke-others", current);
		assertThat(revoke.status()).as(revoke.toString()).isEqualTo(200);
		assertThat(revoke.json().get("revoked").intValue()).isGreaterThanOrEqualTo(2);
		assertAnonymous(first);
		assertAnonymous(second);
		assertThat(get("/api/me", current).status()).isEqualTo(200);
		assertThat(get("/api/me", bobs).status()).isEqualTo(200);
		assertThat(sessions(current)).hasSize(1);
		assertThat(send("POST", "/api/sessions/revoke-others", current).json().get("revoked").intValue()).isZero();
	}

	@Test
	default void logoutEverywhereEndsEverySessionOfTheUser() {
		String other = logIn("alice", null);
		String current = logIn("alice", null);
		String bobs = logIn("bob", null);
		Reply logout = send("POST", "/api/logout?everywhere=true", current);
		assertThat(logout.status()).as(logout.toString()).isEqualTo(204);
		DemoApi.assertDeletionCookie(logout);
		assertAnonymous(current);
		assertAnonymous(other);
		assertThat(get("/api/me", bobs).status()).isEqualTo(200);
		String again = logIn("alice", null);
		assertThat(sessions(again)).hasSize(1);
	}

	@Test
	default void anOrdinaryLogoutEndsOnlyItsSession() {
		String other = logIn("alice", null);
		String current = logIn("alice", null);
		String currentId = idOf(current, true, current);
		Reply logout = send("POST", "/api/logout", current);
		assertThat(logout.status()).isEqualTo(204);
		assertAnonymous(current);
		assertThat(get("/api/me", other).status()).isEqualTo(200);
		assertThat(ids(other)).doesNotContain(currentId);
	}

	private JsonNode sessions(String cookie) {
		Reply reply = get("/api/sessions", cookie);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		assertThat(reply.setCookies()).as(reply.toString()).isEmpty();
		return reply.json();
	}

	private List<String> ids(String cookie) {
		List<String> ids = new ArrayList<>();
		sessions(cookie).forEach((session) -> ids.add(session.get("id").stringValue()));
		return ids;
	}

	/**
	 * Return the id of a session as the list of another session of the same user shows
	 * it: the current one, or the newest other one.
	 */
	private String idOf(String listedWith, boolean current, String cookie) {
		for (JsonNode session : sessions(listedWith)) {
			if (session.get("current").booleanValue() == current) {
				return session.get("id").stringValue();
			}
		}
		throw new AssertionError("No " + (current ? "current" : "other") + " session listed for " + cookie);
	}

	private void assertAnonymous(String cookie) {
		Reply me = get("/api/me", cookie);
		assertThat(me.status()).as(me.toString()).isEqualTo(401);
		Reply session = get("/api/session", cookie);
		assertThat(session.json()).as(session.toString()).isEqualTo(Reply.json("{}"));
	}

}
