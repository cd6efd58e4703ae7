package io.sessionengines.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Demo API tests for the engines that store sessions on the server ({@code db},
 * {@code file}, {@code cache}, {@code cached_db}): the {@link ServerSideChecks} that the
 * reactive demo passes too, asserted here on Django's signed session data as the store
 * holds it, plus the servlet demo's own checks of compression and concurrent requests. A
 * subclass per engine and backend says how to read its store, and implements the checks
 * of its engine family ({@link DatabaseChecks}, {@link CachedDbChecks}).
 *
 * @author Session Engines contributors
 */
abstract class AbstractServerSideDemoHttpIntegrationTests extends AbstractDemoHttpIntegrationTests
		implements ServerSideChecks, SessionTableAccess {

	@Value("${session.secret-key}")
	private String secretKey;

	@Autowired
	private ObjectProvider<JdbcTemplate> jdbc;

	@Value("${session.db.table:django_session}")
	private String table;

	private @Nullable SessionTable sessionTable;

	/**
	 * Return the table of the {@code db} and {@code cached_db} engines, read straight
	 * from the database, for the engines that keep sessions in one.
	 */
	@Override
	public SessionTable sessionTable() {
		if (this.sessionTable == null) {
			this.sessionTable = new SessionTable(this.jdbc.getObject(), this.table);
		}
		return this.sessionTable;
	}

	/**
	 * Return a session as the engine stores it, read straight from the store.
	 * @param key the session key
	 * @return the signed session data stored under the key, or {@code null} when the
	 * store has nothing under it
	 */
	abstract @Nullable String stored(String key);

	/**
	 * Return whether the store holds large sessions compressed, as Django does; a store
	 * in this process's memory, which no other program reads, does not.
	 * @return whether large sessions are stored compressed
	 */
	boolean storesCompressed() {
		return true;
	}

	/**
	 * Assert that the store holds a session under a key, signed with the secret key.
	 * @param key the session key
	 * @return the stored data
	 */
	@Override
	public JsonNode assertStored(String key) {
		String stored = stored(key);
		assertThat(stored).as("session stored under %s", key).isNotNull();
		DjangoToken token = DjangoToken.verifyStored(stored, this.secretKey);
		assertThat(token.signedAt()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(2));
		return token.json();
	}

	@Override
	public void assertNotStored(String key) {
		assertThat(stored(key)).as("session stored under %s", key).isNull();
	}

	@Test
	void largeSessionIsStoredCompressedWhereOtherProgramsReadTheStore() {
		String cookie = ops("[{'op':'set','key':'a','value':'" + "a".repeat(5000) + "'}]", null).newSessionCookie();
		String stored = stored(cookie);
		if (storesCompressed()) {
			assertThat(stored).as("session stored under %s", cookie).startsWith(".").hasSizeLessThan(1000);
		}
		else {
			assertThat(stored).as("session stored under %s", cookie).doesNotStartWith(".").hasSizeGreaterThan(5000);
		}
		assertThat(assertStored(cookie).get("a").stringValue()).hasSize(5000);
		assertThat(get("/api/session", cookie).json().get("a").stringValue()).hasSize(5000);
	}

	@ParameterizedTest
	@MethodSource("unknownKeys")
	void clearThenSetWithAnUnknownCookieSavesUnderANewKey(String unknown) {
		Reply reply = ops("[{'op':'clear'},{'op':'set','key':'a','value':1}]", unknown);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		String cookie = reply.newSessionCookie();
		assertThat(cookie).isNotEqualTo(unknown).matches(KEY);
		assertThat(assertStored(cookie)).isEqualTo(Reply.json("{\"a\":1}"));
		assertNotStored(unknown);
	}

	@ParameterizedTest
	@MethodSource("unknownKeys")
	void clearWithAnUnknownCookieSavesAnEmptySessionUnderANewKey(String unknown) {
		Reply reply = ops("[{'op':'clear'}]", unknown);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		String cookie = reply.newSessionCookie();
		assertThat(cookie).isNotEqualTo(unknown).matches(KEY);
		assertThat(assertStored(cookie)).isEqualTo(Reply.json("{}"));
		assertNotStored(unknown);
	}

	static String[] unknownKeys() {
		return new String[] { DemoApi.randomKey(), DemoApi.randomKey().substring(0, 8),
				(DemoApi.randomKey() + DemoApi.randomKey()).substring(0, 41), DemoApi.randomKey().repeat(10) };
	}

	@Test
	void customExpiryIsEnforcedByTheServer() throws InterruptedException {
		long start = System.nanoTime();
		Reply reply = ops("[{'op':'set','key':'a','value':1},{'op':'expiry','value':1}]", null);
		SetCookie cookie = reply.sessionCookie();
		assertThat(cookie).as(reply.toString()).isNotNull();
		assertThat(cookie.maxAge()).isEqualTo(1);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		Thread.sleep(Math.max(0, 2100 - elapsed.toMillis()));
		Reply replay = get("/api/session", cookie.value());
		assertThat(replay.json()).isEqualTo(Reply.json("{}"));
		DemoApi.assertDeletionCookie(replay);
	}

	@Test
	void twoConcurrentRequestsThatSetDifferentKeysBothSurvive() throws Exception {
		String cookie = newSession();
		// the slow request loads the session, and saves it after the fast one did
		CompletableFuture<Reply> slow = http().postAsync("/api/ops",
				DemoApi.quotes(
						"[{'op':'get','key':'visits'},{'op':'sleep','ms':1000},{'op':'set','key':'slow','value':1}]"),
				cookie);
		Thread.sleep(300);
		Reply fast = ops("[{'op':'set','key':'fast','value':2}]", cookie);
		assertThat(fast.status()).as(fast.toString()).isEqualTo(200);
		Reply slowReply = slow.get(30, TimeUnit.SECONDS);
		assertThat(slowReply.status()).as(slowReply.toString()).isEqualTo(200);
		assertThat(get("/api/session", cookie).json())
			.isEqualTo(Reply.json(DemoApi.quotes("{'visits':1,'fast':2,'slow':1}")));
	}

	@Test
	void manyConcurrentRequestsThatSetDifferentKeysAllSurvive() throws Exception {
		String cookie = newSession();
		List<CompletableFuture<Reply>> requests = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			requests.add(http().postAsync("/api/ops",
					DemoApi.quotes("[{'op':'set','key':'k" + i + "','value':" + i + "}]"), cookie));
		}
		for (CompletableFuture<Reply> request : requests) {
			Reply reply = request.get(30, TimeUnit.SECONDS);
			assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		}
		JsonNode stored = get("/api/session", cookie).json();
		for (int i = 0; i < 16; i++) {
			assertThat(stored.get("k" + i)).as("k%d in %s", i, stored).isNotNull();
			assertThat(stored.get("k" + i).intValue()).isEqualTo(i);
		}
		assertThat(stored.get("visits").intValue()).isEqualTo(1);
	}

	@Test
	void sessionDeletedByAConcurrentRequestAnswersBadRequest() throws Exception {
		String cookie = newSession();
		CompletableFuture<Reply> slow = http().postAsync("/api/ops",
				DemoApi.quotes(
						"[{'op':'get','key':'visits'},{'op':'sleep','ms':1500},{'op':'set','key':'visits','value':5}]"),
				cookie);
		Thread.sleep(500);
		DemoApi.assertDeletionCookie(ops("[{'op':'flush'}]", cookie));
		Reply interrupted = slow.get();
		assertThat(interrupted.status()).as(interrupted.toString()).isEqualTo(400);
		assertThat(interrupted.setCookies()).as(interrupted.toString()).isEmpty();
		assertNotStored(cookie);
		assertThat(get("/api/peek", cookie).body()).isEqualTo("0");
	}

}
