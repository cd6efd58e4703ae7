package io.sessionengines.demo;

import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Demo API tests with the {@code db} engine on the embedded H2 database, plus the checks
 * that only server-side storage passes: a dead key stays dead.
 *
 * @author Session Engines contributors
 */
@TestPropertySource(properties = "session.engine=db")
class DbEngineDemoIntegrationTests extends AbstractDemoHttpIntegrationTests {

	@Autowired
	private JdbcTemplate jdbc;

	@Override
	void assertSessionCookieFormat(String value) {
		assertThat(value).matches("[a-z0-9]{32}");
	}

	@Test
	void firstWritesGetDifferentKeys() {
		assertThat(newSession()).isNotEqualTo(newSession());
	}

	@Test
	void writeWithAValidCookieKeepsTheKey() {
		String cookie = newSession();
		assertThat(get("/api/visits", cookie).newSessionCookie()).isEqualTo(cookie);
	}

	@Test
	void writeStoresOneRowUnderTheKey() {
		String cookie = newSession();
		assertThat(rows(cookie)).isOne();
	}

	@Test
	void readWithAnUnknownKeyStoresNothing() {
		String unknown = randomKey();
		assertThat(get("/api/peek", unknown).body()).isEqualTo("0");
		assertThat(rows(unknown)).isZero();
	}

	@Test
	void keyIsNullUntilTheSessionIsSaved() {
		assertThat(ops("[{'op':'key'}]", null).json().get(0).isNull()).isTrue();
		String cookie = newSession();
		assertThat(ops("[{'op':'key'}]", cookie).json().get(0).stringValue()).isEqualTo(cookie);
	}

	@Test
	void flushKillsTheOldKey() {
		String cookie = newSession();
		assertDeletionCookie(ops("[{'op':'flush'}]", cookie));
		assertThat(rows(cookie)).isZero();
		Reply replay = get("/api/peek", cookie);
		assertThat(replay.body()).isEqualTo("0");
		assertDeletionCookie(replay);
	}

	@Test
	void cycleMovesTheDataToANewKeyAndKillsTheOldOne() {
		String cookie = newSession();
		Reply reply = ops("[{'op':'cycle'},{'op':'key'}]", cookie);
		String cycled = reply.newSessionCookie();
		assertThat(cycled).isNotEqualTo(cookie);
		assertThat(reply.json().get(1).stringValue()).isEqualTo(cycled);
		assertThat(rows(cookie)).isZero();
		assertThat(get("/api/peek", cycled).body()).isEqualTo("1");
		Reply replay = get("/api/peek", cookie);
		assertThat(replay.body()).isEqualTo("0");
		assertDeletionCookie(replay);
	}

	@Test
	void sessionDeletedByAConcurrentRequestAnswersBadRequest() throws Exception {
		String cookie = newSession();
		CompletableFuture<Reply> slow = http().postAsync("/api/ops",
				quotes("[{'op':'get','key':'visits'},{'op':'sleep','ms':1500},{'op':'set','key':'visits','value':5}]"),
				cookie);
		Thread.sleep(500);
		assertDeletionCookie(ops("[{'op':'flush'}]", cookie));
		Reply interrupted = slow.get();
		assertThat(interrupted.status()).as(interrupted.toString()).isEqualTo(400);
		assertThat(interrupted.setCookies()).as(interrupted.toString()).isEmpty();
		assertThat(rows(cookie)).isZero();
	}

	private int rows(String key) {
		Integer rows = this.jdbc.queryForObject("select count(*) from django_session where session_key = ?",
				Integer.class, key);
		return (rows != null) ? rows : 0;
	}

}
