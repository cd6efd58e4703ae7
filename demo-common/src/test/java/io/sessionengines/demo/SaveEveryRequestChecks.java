package io.sessionengines.demo;

import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Demo API checks with {@code session.save-every-request} on a server-side engine, on
 * both stacks: every live session is saved again, even by a request that never uses it,
 * and a bogus cookie is deleted rather than turned into a new empty session (Django's
 * defect, §6.5 checks 34 to 36). A test class per engine implements this interface.
 *
 * @author Session Engines contributors
 */
public interface SaveEveryRequestChecks {

	/**
	 * Return the client of the running application.
	 * @return the client
	 */
	DemoHttp http();

	/**
	 * Return how many sessions the store holds, when it can tell.
	 * @return the number of stored sessions, or empty for a store that cannot count
	 */
	OptionalLong storedSessions();

	@Test
	default void liveSessionIsSavedEvenWhenNotUsed() {
		String cookie = http().get("/api/visits", null).newSessionCookie();
		Reply reply = http().get("/api/hello", cookie);
		assertThat(reply.body()).isEqualTo("ok");
		SetCookie resent = reply.sessionCookie();
		assertThat(resent).as(reply.toString()).isNotNull();
		assertThat(resent.value()).isEqualTo(cookie);
		assertThat(resent.maxAge()).isEqualTo(DemoApi.DEFAULT_COOKIE_AGE);
		assertThat(reply.variesOnCookie()).isTrue();
		assertThat(http().get("/api/peek", cookie).body()).isEqualTo("1");
	}

	@Test
	default void requestWithoutCookieGetsNoCookie() {
		Reply reply = http().get("/api/hello", null);
		assertThat(reply.setCookies()).isEmpty();
	}

	@Test
	default void bogusCookieIsDeletedAndNoEmptySessionIsCreated() {
		OptionalLong before = storedSessions();
		Reply reply = http().get("/api/hello", DemoApi.randomKey());
		assertThat(reply.body()).isEqualTo("ok");
		DemoApi.assertDeletionCookie(reply);
		assertThat(storedSessions()).isEqualTo(before);
	}

}
