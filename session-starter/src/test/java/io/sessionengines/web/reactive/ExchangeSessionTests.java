package io.sessionengines.web.reactive;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.cache.CacheSessionEngine;
import io.sessionengines.engine.cache.CaffeineSessionCacheStore;
import io.sessionengines.serializer.JsonSessionSerializer;
import io.sessionengines.session.Session;
import io.sessionengines.session.SessionFactory;
import io.sessionengines.signing.TimestampSigner;
import io.sessionengines.web.SameSite;
import io.sessionengines.web.SessionCookie;
import io.sessionengines.web.SessionMiddleware;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpCookie;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;
import org.springframework.web.server.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link ExchangeSession}, on exchanges of spring-test's mock server, as
 * {@code WebTestClient} bound to an application makes them.
 *
 * @author Session Engines contributors
 */
class ExchangeSessionTests {

	private final SessionFactory factory;

	private final EngineWebSessionManager manager;

	ExchangeSessionTests() {
		SessionExpiry expiry = new SessionExpiry(Duration.ofDays(14), false, Clock.systemUTC());
		JsonSessionSerializer serializer = new JsonSessionSerializer();
		CacheSessionEngine engine = new CacheSessionEngine(new CaffeineSessionCacheStore(100), new SessionCodec(
				serializer,
				new TimestampSigner("k3y-0f-f0rty-tw0-ch4racters-f0r-th3-t3sts", List.of(), "salt", Clock.systemUTC())),
				expiry);
		this.factory = new SessionFactory(engine, expiry, serializer);
		this.manager = new EngineWebSessionManager(
				new SessionMiddleware(this.factory,
						new SessionCookie("sessionid", null, "/", false, true, SameSite.LAX), false),
				Schedulers.boundedElastic());
	}

	@Test
	void theSessionOfAMockExchangeThatCarriesAKeyIsReadAndCommitted() {
		MockServerWebExchange exchange = exchange(storedSession());
		Session session = ExchangeSession.get(exchange).block(Duration.ofSeconds(10));
		assertThat(session.get("user")).isEqualTo("alice");
		session.set("cart", 3);
		exchange.getResponse().setComplete().block(Duration.ofSeconds(10));
		assertThat(this.factory.open(session.getSessionKey()).get("cart")).isEqualTo(3);
	}

	@Test
	void theEngineSessionIsFoundBehindAFiltersWrapperOfTheWebSession() {
		MockServerWebExchange exchange = exchange(storedSession());
		ServerWebExchange filtered = new ServerWebExchangeDecorator(exchange) {

			@Override
			public Mono<WebSession> getSession() {
				return super.getSession().map(WrappedSession::new);
			}

		};
		assertThat(filtered.getSession().block()).isInstanceOf(WrappedSession.class);
		Session session = ExchangeSession.get(filtered).block(Duration.ofSeconds(10));
		assertThat(session.get("user")).isEqualTo("alice");
	}

	@Test
	void anotherWebSessionManagersSessionIsAnError() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));
		assertThatIllegalStateException().isThrownBy(() -> ExchangeSession.get(exchange).block())
			.withMessageContaining("not an engine session");
	}

	private String storedSession() {
		Session session = this.factory.open(null);
		session.set("user", "alice");
		session.save();
		return session.getSessionKey();
	}

	private MockServerWebExchange exchange(String key) {
		return MockServerWebExchange.builder(MockServerHttpRequest.get("/").cookie(new HttpCookie("sessionid", key)))
			.sessionManager(this.manager)
			.build();
	}

	/**
	 * A filter's own view of a session, as Spring Security's concurrent-session control
	 * hands the application.
	 */
	private record WrappedSession(WebSession session) implements WebSession {

		@Override
		public String getId() {
			return this.session.getId();
		}

		@Override
		public Map<String, Object> getAttributes() {
			return this.session.getAttributes();
		}

		@Override
		public void start() {
			this.session.start();
		}

		@Override
		public boolean isStarted() {
			return this.session.isStarted();
		}

		@Override
		public Mono<Void> changeSessionId() {
			return this.session.changeSessionId();
		}

		@Override
		public Mono<Void> invalidate() {
			return this.session.invalidate();
		}

		@Override
		public Mono<Void> save() {
			return this.session.save();
		}

		@Override
		public boolean isExpired() {
			return this.session.isExpired();
		}

		@Override
		public Instant getCreationTime() {
			return this.session.getCreationTime();
		}

		@Override
		public Instant getLastAccessTime() {
			return this.session.getLastAccessTime();
		}

		@Override
		public void setMaxIdleTime(Duration maxIdleTime) {
			this.session.setMaxIdleTime(maxIdleTime);
		}

		@Override
		public Duration getMaxIdleTime() {
			return this.session.getMaxIdleTime();
		}

	}

}
