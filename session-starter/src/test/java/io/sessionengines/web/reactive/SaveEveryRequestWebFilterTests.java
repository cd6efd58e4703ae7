package io.sessionengines.web.reactive;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.serializer.JsonSessionSerializer;
import io.sessionengines.session.SessionFactory;
import io.sessionengines.web.SameSite;
import io.sessionengines.web.SessionCookie;
import io.sessionengines.web.SessionMiddleware;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpCookie;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.mock.web.server.MockWebSession;
import org.springframework.web.server.session.WebSessionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link SaveEveryRequestWebFilter}.
 *
 * @author Session Engines contributors
 */
class SaveEveryRequestWebFilterTests {

	private final List<String> events = new CopyOnWriteArrayList<>();

	private final WebSessionManager sessions = (exchange) -> Mono.fromSupplier(() -> {
		this.events.add("session opened");
		return new MockWebSession();
	});

	@Test
	void filterWhenEverySessionIsSavedOnEveryRequestOpensTheSessionOfARequestWithAKeyFirst() {
		filter(true, "abcdefghijklmnopqrstuvwxyz012345");
		assertThat(this.events).containsExactly("session opened", "chain");
	}

	@Test
	void filterWhenEverySessionIsSavedOnEveryRequestLeavesARequestWithoutAKeyAlone() {
		filter(true, null);
		assertThat(this.events).containsExactly("chain");
	}

	@Test
	void filterWhenSessionsAreSavedOnlyWhenModifiedLeavesEveryRequestAlone() {
		filter(false, "abcdefghijklmnopqrstuvwxyz012345");
		assertThat(this.events).containsExactly("chain");
	}

	private void filter(boolean saveEveryRequest, @Nullable String cookie) {
		MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/hello");
		if (cookie != null) {
			request.cookie(new HttpCookie("sessionid", cookie));
		}
		MockServerWebExchange exchange = MockServerWebExchange.builder(request.build())
			.sessionManager(this.sessions)
			.build();
		SessionExpiry expiry = new SessionExpiry(Duration.ofDays(14), false, Clock.systemUTC());
		SessionFactory factory = new SessionFactory(mock(SessionEngine.class), expiry, new JsonSessionSerializer());
		SessionMiddleware middleware = new SessionMiddleware(factory,
				new SessionCookie("sessionid", null, "/", false, true, SameSite.LAX), saveEveryRequest);
		new SaveEveryRequestWebFilter(middleware)
			.filter(exchange, (filtered) -> Mono.fromRunnable(() -> this.events.add("chain")))
			.block(Duration.ofSeconds(5));
	}

}
