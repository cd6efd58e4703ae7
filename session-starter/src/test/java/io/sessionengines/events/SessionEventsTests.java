package io.sessionengines.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.sessionengines.autoconfigure.SessionEngineAutoConfiguration;
import io.sessionengines.engine.MutableClock;
import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.signedcookies.SignedCookieSessionEngine;
import io.sessionengines.registry.InMemorySessionRegistryStore;
import io.sessionengines.registry.RegisteredSession;
import io.sessionengines.registry.RevocationList;
import io.sessionengines.registry.UserSessions;
import io.sessionengines.serializer.JavaSessionSerializer;
import io.sessionengines.session.Session;
import io.sessionengines.session.SessionFactory;
import io.sessionengines.signing.TimestampSigner;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletListenerRegistrationBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for the session events and their bridge to {@code HttpSessionListener}s, with the
 * auto-configuration.
 *
 * @author Session Engines contributors
 */
class SessionEventsTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SessionEngineAutoConfiguration.class))
		.withPropertyValues("session.secret-key=k3y-0f-f0rty-tw0-ch4racters-f0r-th3-t3sts",
				"session.engine=signed_cookies")
		.withUserConfiguration(Recorders.class);

	@Test
	void aNewSessionIsCreatedOnceAndItsLogoutDestroysItOnce() {
		this.contextRunner.run((context) -> {
			SessionFactory sessions = context.getBean(SessionFactory.class);
			Session session = sessions.open(null);
			session.set("cart", "1 book");
			session.save();
			Session again = sessions.open(session.getSessionKey());
			again.set("cart", "2 books");
			again.cycleKey();
			again.save();
			again.flush();
			List<SessionEvent> events = context.getBean(Recorders.class).events;
			assertThat(events).hasSize(2);
			assertThat(events.get(0)).isInstanceOf(SessionCreatedEvent.class);
			assertThat(events.get(0).getAttributes()).containsEntry("cart", "1 book");
			assertThat(events.get(0).getSessionId()).hasSize(12).doesNotContain(session.getSessionKey());
			assertThat(events.get(0).getPrincipal()).isNull();
			assertThat(events.get(1)).isInstanceOfSatisfying(SessionDestroyedEvent.class,
					(destroyed) -> assertThat(destroyed.getReason()).isEqualTo(SessionDestroyedEvent.Reason.LOGOUT));
			assertThat(events.get(1).getAttributes()).containsEntry("cart", "2 books");
		});
	}

	@Test
	void endingALoggedInSessionDestroysItOnceNamedByItsRegistryId() {
		this.contextRunner.run((context) -> {
			SessionFactory sessions = context.getBean(SessionFactory.class);
			UserSessions userSessions = context.getBean(UserSessions.class);
			Session session = sessions.open(null);
			session.set("cart", "1 book");
			userSessions.register(session, "alice", null, null);
			session.save();
			String id = UserSessions.idOf(session);
			List<SessionEvent> events = context.getBean(Recorders.class).events;
			assertThat(events).singleElement().satisfies((created) -> {
				assertThat(created.getSessionId()).isEqualTo(id);
				assertThat(created.getPrincipal()).isEqualTo("alice");
			});
			assertThat(userSessions.end("alice", id)).isTrue();
			assertThat(userSessions.end("alice", id)).isFalse();
			assertThat(events).hasSize(2);
			assertThat(events.get(1)).isInstanceOfSatisfying(SessionDestroyedEvent.class, (destroyed) -> {
				assertThat(destroyed.getReason()).isEqualTo(SessionDestroyedEvent.Reason.ENDED);
				assertThat(destroyed.getSessionId()).isEqualTo(id);
				assertThat(destroyed.getPrincipal()).isEqualTo("alice");
			});
		});
	}

	@Test
	void httpSessionListenersAreToldWithAReadOnlySession() {
		this.contextRunner.run((context) -> {
			SessionFactory sessions = context.getBean(SessionFactory.class);
			Session session = sessions.open(null);
			session.set(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, new SecurityContextImpl(
					UsernamePasswordAuthenticationToken.authenticated("alice", null, List.of())));
			session.save();
			session.flush();
			Recorders recorders = context.getBean(Recorders.class);
			assertThat(recorders.listenerBean).containsExactly("created", "destroyed");
			assertThat(recorders.registeredListener).containsExactly("created", "destroyed");
			HttpSessionEvent destroyed = recorders.lastEvent;
			assertThat(destroyed.getSession()
				.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY))
				.isInstanceOf(SecurityContextImpl.class);
			assertThat(destroyed.getSession().isNew()).isFalse();
			assertThatIllegalStateException().isThrownBy(() -> destroyed.getSession().setAttribute("a", 1));
			assertThatIllegalStateException().isThrownBy(() -> destroyed.getSession().invalidate());
		});
	}

	@Test
	void anExpiredSessionIsReportedOnceByTheUpkeepThatRemovesIt() {
		MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
		SessionExpiry expiry = new SessionExpiry(Duration.ofDays(14), false, clock);
		SignedCookieSessionEngine engine = new SignedCookieSessionEngine(
				new SessionCodec(new JavaSessionSerializer(), new TimestampSigner(
						"k3y-0f-f0rty-tw0-ch4racters-f0r-th3-t3sts", List.of(), SignedCookieSessionEngine.SALT, clock)),
				expiry);
		InMemorySessionRegistryStore store = new InMemorySessionRegistryStore(clock);
		UserSessions userSessions = new UserSessions(store, engine, expiry, new RevocationList(store, clock));
		List<Object> published = new ArrayList<>();
		userSessions.setEndListener(new SessionEventPublisher(published::add));
		Session session = new SessionFactory(engine, expiry, new JavaSessionSerializer()).open(null);
		session.setExpiry(60);
		RegisteredSession registered = userSessions.register(session, "alice", null, null);
		session.save();
		assertThat(userSessions.removeExpired(10)).isZero();
		clock.advance(Duration.ofMinutes(3));
		assertThat(userSessions.removeExpired(10)).isOne();
		assertThat(userSessions.removeExpired(10)).isZero();
		assertThat(published).singleElement().isInstanceOfSatisfying(SessionExpiredEvent.class, (expired) -> {
			assertThat(expired.getSessionId()).isEqualTo(registered.id());
			assertThat(expired.getPrincipal()).isEqualTo("alice");
		});
	}

	@Test
	void anExpiryIsADestructionForHttpSessionListeners() {
		this.contextRunner.run((context) -> {
			context.publishEvent(new SessionExpiredEvent(this, "AAAAAAAAAAAAAAAAAAAAAA", "alice", Map.of()));
			Recorders recorders = context.getBean(Recorders.class);
			assertThat(recorders.listenerBean).containsExactly("destroyed");
			assertThat(recorders.lastEvent.getSession().getId()).isEqualTo("AAAAAAAAAAAAAAAAAAAAAA");
		});
	}

	@Test
	void aFailingListenerDoesNotFailTheSave() {
		this.contextRunner.withBean("failing", HttpSessionListener.class, () -> new HttpSessionListener() {

			@Override
			public void sessionCreated(HttpSessionEvent event) {
				throw new IllegalStateException("Listener failure on purpose");
			}

		}).run((context) -> {
			Session session = context.getBean(SessionFactory.class).open(null);
			session.set("cart", "1 book");
			session.save();
			assertThat(session.getSessionKey()).isNotNull();
			assertThat(context.getBean(Recorders.class).listenerBean).containsExactly("created");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Recorders implements ApplicationListener<SessionEvent> {

		final List<SessionEvent> events = new ArrayList<>();

		final List<String> listenerBean = new ArrayList<>();

		final List<String> registeredListener = new ArrayList<>();

		HttpSessionEvent lastEvent;

		@Override
		public void onApplicationEvent(SessionEvent event) {
			this.events.add(event);
		}

		@Bean
		HttpSessionListener recordingListener() {
			return recorder(this.listenerBean);
		}

		@Bean
		ServletListenerRegistrationBean<HttpSessionListener> recordingListenerRegistration() {
			return new ServletListenerRegistrationBean<>(recorder(this.registeredListener));
		}

		private HttpSessionListener recorder(List<String> told) {
			return new HttpSessionListener() {

				@Override
				public void sessionCreated(HttpSessionEvent event) {
					told.add("created");
					Recorders.this.lastEvent = event;
				}

				@Override
				public void sessionDestroyed(HttpSessionEvent event) {
					told.add("destroyed");
					Recorders.this.lastEvent = event;
				}

			};
		}

	}

}
