package io.sessionengines.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.cache.CacheSessionEngine;
import io.sessionengines.engine.cache.CaffeineSessionCacheStore;
import io.sessionengines.serializer.JsonSessionSerializer;
import io.sessionengines.session.Session;
import io.sessionengines.session.SessionFactory;
import io.sessionengines.signing.TimestampSigner;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SessionView}'s login attribute: read once per request while the
 * session is unchanged, since a read may query Django's user table, which a reactive
 * request does off the event loop when it opens the session.
 *
 * @author Session Engines contributors
 */
class SessionViewTests {

	private static final String LOGIN = "SPRING_SECURITY_CONTEXT";

	private final SessionFactory factory;

	private final CountingLogin login = new CountingLogin();

	SessionViewTests() {
		Clock clock = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);
		SessionExpiry expiry = new SessionExpiry(Duration.ofDays(14), false, clock);
		JsonSessionSerializer serializer = new JsonSessionSerializer();
		CacheSessionEngine engine = new CacheSessionEngine(new CaffeineSessionCacheStore(100),
				new SessionCodec(serializer,
						new TimestampSigner("k3y-0f-f0rty-tw0-ch4racters-f0r-th3-t3sts", List.of(), "salt", clock)),
				expiry);
		this.factory = new SessionFactory(engine, expiry, serializer);
	}

	@Test
	void theLoginIsReadOnceWhileTheSessionIsUnchanged() {
		SessionView view = view(storedSession("alice"));
		assertThat(view.getAttribute(LOGIN)).isEqualTo("login of alice");
		assertThat(view.getAttribute(LOGIN)).isEqualTo("login of alice");
		assertThat(this.login.reads).hasValue(1);
	}

	@Test
	void aChangeToTheSessionReadsTheLoginAgain() {
		SessionView view = view(storedSession("alice"));
		view.getAttribute(LOGIN);
		view.getSession().set("user", "bob");
		assertThat(view.getAttribute(LOGIN)).isEqualTo("login of bob");
		assertThat(this.login.reads).hasValue(2);
	}

	@Test
	void aLoginReadFromAChangedSessionIsNotKept() {
		SessionView view = view(storedSession("alice"));
		view.getSession().set("other", 1);
		view.getAttribute(LOGIN);
		view.getSession().set("user", "bob");
		assertThat(view.getAttribute(LOGIN)).isEqualTo("login of bob");
		assertThat(this.login.reads).hasValue(2);
	}

	@Test
	void aNewKeyReadsTheLoginAgain() {
		Session session = storedSession("alice");
		SessionView view = view(session);
		view.getAttribute(LOGIN);
		session.cycleKey();
		session.setModified(false);
		view.getAttribute(LOGIN);
		assertThat(this.login.reads).hasValue(2);
	}

	@Test
	void storingOrRemovingTheLoginReadsItAgain() {
		SessionView view = view(storedSession("alice"));
		view.getAttribute(LOGIN);
		view.setAttribute(LOGIN, "carol");
		assertThat(view.getAttribute(LOGIN)).isEqualTo("login of carol");
		view.removeAttribute(LOGIN);
		assertThat(view.getAttribute(LOGIN)).isNull();
		assertThat(this.login.reads).hasValue(3);
	}

	private SessionView view(Session session) {
		return new SessionView(session, this.factory, this.login);
	}

	private Session storedSession(String user) {
		Session session = this.factory.open(null);
		session.set("user", user);
		session.save();
		Session stored = this.factory.open(session.getSessionKey());
		stored.readAhead();
		return stored;
	}

	private static final class CountingLogin implements SessionLoginAttribute {

		private final AtomicInteger reads = new AtomicInteger();

		@Override
		public String getName() {
			return LOGIN;
		}

		@Override
		public @Nullable Object get(Session session) {
			this.reads.incrementAndGet();
			return (session.get("user") instanceof String user) ? "login of " + user : null;
		}

		@Override
		public void set(Session session, Object value) {
			session.set("user", value);
		}

		@Override
		public @Nullable Object remove(Session session) {
			return session.pop("user");
		}

	}

}
