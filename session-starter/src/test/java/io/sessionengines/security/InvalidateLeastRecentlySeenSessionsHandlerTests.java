package io.sessionengines.security;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.session.ReactiveSessionInformation;
import org.springframework.security.web.server.authentication.MaximumSessionsContext;
import org.springframework.web.server.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link InvalidateLeastRecentlySeenSessionsHandler}.
 *
 * @author Session Engines contributors
 */
class InvalidateLeastRecentlySeenSessionsHandlerTests {

	private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

	@Test
	void endsTheLeastRecentlySeenSessionsThatKeepTheUserWithinTheLimitWithTheLogin() {
		ReactiveSessionInformation recent = session("recent", 10);
		ReactiveSessionInformation oldest = session("oldest", 300);
		ReactiveSessionInformation older = session("older", 200);
		handle(List.of(recent, oldest, older), 2);
		assertThat(oldest.isExpired()).isTrue();
		assertThat(older.isExpired()).isTrue();
		assertThat(recent.isExpired()).isFalse();
	}

	@Test
	void endsNothingWhenTheUserIsBelowTheLimit() {
		ReactiveSessionInformation only = session("only", 10);
		handle(List.of(only), 2);
		assertThat(only.isExpired()).isFalse();
	}

	private static void handle(List<ReactiveSessionInformation> sessions, int maximum) {
		new InvalidateLeastRecentlySeenSessionsHandler()
			.handle(new MaximumSessionsContext(UsernamePasswordAuthenticationToken.authenticated("alice", null, null),
					sessions, maximum, mock(WebSession.class)))
			.block();
	}

	private static ReactiveSessionInformation session(String id, long secondsAgo) {
		return new ReactiveSessionInformation("alice", id, NOW.minusSeconds(secondsAgo));
	}

}
