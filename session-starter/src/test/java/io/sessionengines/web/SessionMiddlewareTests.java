package io.sessionengines.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionDataTooLargeException;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.SessionStoreUnavailableException;
import io.sessionengines.engine.SessionUpdateException;
import io.sessionengines.engine.cache.CacheSessionEngine;
import io.sessionengines.engine.cache.CaffeineSessionCacheStore;
import io.sessionengines.serializer.JsonSessionSerializer;
import io.sessionengines.session.Session;
import io.sessionengines.session.SessionConflictException;
import io.sessionengines.session.SessionFactory;
import io.sessionengines.signing.TimestampSigner;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SessionMiddleware} and {@link BoundSession} without a web stack: the
 * decision of Django's {@code process_response} as a {@link SessionResponse}, which
 * either stack writes.
 *
 * @author Session Engines contributors
 */
class SessionMiddlewareTests {

	private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

	private static final SessionClient CLIENT = new SessionClient() {

		@Override
		public @Nullable String userAgent() {
			return null;
		}

		@Override
		public @Nullable String address() {
			return null;
		}

		@Override
		public boolean registeredDuringRequest() {
			return false;
		}

	};

	private final CacheSessionEngine engine;

	private final SessionFactory factory;

	SessionMiddlewareTests() {
		Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
		SessionExpiry expiry = new SessionExpiry(Duration.ofDays(14), false, clock);
		JsonSessionSerializer serializer = new JsonSessionSerializer();
		this.engine = new CacheSessionEngine(new CaffeineSessionCacheStore(100),
				new SessionCodec(serializer,
						new TimestampSigner("k3y-0f-f0rty-tw0-ch4racters-f0r-th3-t3sts", List.of(), "salt", clock)),
				expiry);
		this.factory = new SessionFactory(this.engine, expiry, serializer);
	}

	private SessionMiddleware middleware(@Nullable String headerName) {
		return new SessionMiddleware(this.factory, new SessionCookie("sessionid", null, "/", false, true, SameSite.LAX),
				false, headerName);
	}

	private String storedSession() {
		Session session = this.factory.open(null);
		session.set("user", "alice");
		session.save();
		String key = session.getSessionKey();
		assertThat(key).isNotNull();
		return key;
	}

	@Test
	void keyFromTheHeaderWinsOverTheCookieOnlyWhenAHeaderIsConfigured() {
		assertThat(middleware("X-Session").requestedKey("fromheader", "fromcookie"))
			.isEqualTo(new RequestedKey("fromheader", false));
		assertThat(middleware("X-Session").requestedKey(null, "fromcookie"))
			.isEqualTo(new RequestedKey("fromcookie", true));
		assertThat(middleware(null).requestedKey("fromheader", "fromcookie"))
			.isEqualTo(new RequestedKey("fromcookie", true));
		assertThat(middleware(null).requestedKey(null, null)).isNull();
	}

	@Test
	void untouchedSessionCarriesNothing() {
		BoundSession bound = middleware(null).open(null);
		assertThat(bound.commit(200, CLIENT)).isEqualTo(SessionResponse.NONE);
	}

	@Test
	void readSessionVariesOnTheCookieAndSetsNone() {
		BoundSession bound = middleware(null).open(new RequestedKey(storedSession(), true));
		assertThat(bound.getSession().get("user")).isEqualTo("alice");
		assertThat(bound.commit(200, CLIENT)).isEqualTo(new SessionResponse(null, List.of("Cookie"), Map.of()));
	}

	@Test
	void changedSessionIsSavedAndItsCookieAndHeaderSet() {
		BoundSession bound = middleware("X-Session").open(null);
		bound.getSession().set("user", "bob");
		SessionResponse response = bound.commit(200, CLIENT);
		String key = bound.getSession().getSessionKey();
		assertThat(key).isNotNull();
		assertThat(this.engine.load(key)).isEqualTo(Map.of("user", "bob"));
		assertThat(response).isEqualTo(new SessionResponse(
				"sessionid=" + key
						+ "; Max-Age=1209600; Expires=Sun, 20 Dec 2026 12:00:00 GMT; Path=/; HttpOnly; SameSite=Lax",
				List.of("Cookie", "X-Session"), Map.of("X-Session", key)));
	}

	@Test
	void changedSessionOfAServerErrorIsNotSaved() {
		BoundSession bound = middleware(null).open(null);
		bound.getSession().set("user", "bob");
		assertThat(bound.commit(500, CLIENT)).isEqualTo(new SessionResponse(null, List.of("Cookie"), Map.of()));
		assertThat(bound.getSession().getSessionKey()).isNull();
	}

	@Test
	void keyOfNoLiveSessionIsDeletedFromCookieAndHeader() {
		BoundSession bound = middleware("X-Session").open(new RequestedKey("nosuchsession0000000000000000000", false));
		assertThat(bound.getSession().get("user")).isNull();
		assertThat(bound.commit(200, CLIENT)).isEqualTo(new SessionResponse(
				"sessionid=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/; HttpOnly; SameSite=Lax",
				List.of("Cookie", "X-Session"), Map.of("X-Session", "")));
	}

	@Test
	void commitMayWriteOnlyWhenTheSessionIsToBeSaved() {
		String key = storedSession();
		BoundSession untouched = middleware(null).open(new RequestedKey(key, true));
		assertThat(untouched.commitMayWrite()).isFalse();
		BoundSession read = middleware(null).open(new RequestedKey(key, true));
		read.getSession().get("user");
		assertThat(read.commitMayWrite()).isFalse();
		BoundSession changed = middleware(null).open(new RequestedKey(key, true));
		changed.getSession().set("user", "bob");
		assertThat(changed.commitMayWrite()).isTrue();
		changed.commit(200, CLIENT);
		assertThat(changed.commitMayWrite()).as("committed").isFalse();
		BoundSession readEveryRequest = new SessionMiddleware(this.factory,
				new SessionCookie("sessionid", null, "/", false, true, SameSite.LAX), true)
			.open(new RequestedKey(key, true));
		readEveryRequest.getSession().get("user");
		assertThat(readEveryRequest.commitMayWrite()).as("saved on every request").isTrue();
	}

	@Test
	void aFlushLeftForLaterEndsTheOldSessionAtTheCommitWhateverTheStatus() {
		for (int status : new int[] { 200, 500 }) {
			String key = storedSession();
			BoundSession bound = middleware(null).open(new RequestedKey(key, true));
			bound.getSession().readAhead();
			bound.getSession().flushLater();
			bound.getSession().setModified(false);
			assertThat(bound.commitMayWrite()).as("may write with a deletion pending").isTrue();
			assertThat(this.engine.load(key)).as("before the commit").isNotNull();
			SessionResponse response = bound.commit(status, CLIENT);
			assertThat(this.engine.load(key)).as("the old session after a %d", status).isNull();
			assertThat(response.setCookie()).as("the cookie after a %d", status).contains("Max-Age=0");
		}
	}

	@Test
	void commitsOnceAndAFailedCommitFailsEveryTime() {
		BoundSession saved = middleware(null).open(null);
		saved.getSession().set("user", "bob");
		assertThat(saved.commit(200, CLIENT)).isNotNull();
		assertThat(saved.commit(200, CLIENT)).as("committed already").isNull();
		String key = storedSession();
		BoundSession interrupted = middleware(null).open(new RequestedKey(key, true));
		interrupted.getSession().set("cart", List.of("book"));
		this.engine.delete(key);
		assertThatExceptionOfType(SessionResponseException.class).isThrownBy(() -> interrupted.commit(200, CLIENT))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(400))
			.withMessageContaining("deleted before the request completed")
			.withCauseInstanceOf(SessionUpdateException.class);
		RuntimeException failure = interrupted.getFailure();
		assertThat(failure).isInstanceOf(SessionResponseException.class);
		assertThatExceptionOfType(SessionResponseException.class).isThrownBy(() -> interrupted.commit(200, CLIENT))
			.isSameAs(failure);
		assertThat(SessionResponseException.find(new RuntimeException(failure))).isSameAs(failure);
	}

	@Test
	void saveFailuresBecomeTheirStatusInOnePlace() {
		assertThat(SessionResponseException.ofSave(new SessionUpdateException("gone")))
			.isInstanceOfSatisfying(SessionResponseException.class, (ex) -> assertThat(ex.getStatus()).isEqualTo(400));
		assertThat(SessionResponseException.ofSave(new SessionConflictException(5)))
			.isInstanceOfSatisfying(SessionResponseException.class, (ex) -> assertThat(ex.getStatus()).isEqualTo(409));
		assertThat(SessionResponseException.ofSave(new SessionDataTooLargeException(2000, 1000)))
			.isInstanceOfSatisfying(SessionResponseException.class, (ex) -> assertThat(ex.getStatus()).isEqualTo(500));
		IllegalStateException other = new IllegalStateException("other");
		assertThat(SessionResponseException.ofSave(other)).isSameAs(other);
		assertThat(SessionResponseException
			.find(new IllegalStateException(new SessionStoreUnavailableException("down", null))))
			.isInstanceOfSatisfying(SessionUnavailableException.class,
					(ex) -> assertThat(ex.getStatus()).isEqualTo(503));
		assertThat(SessionResponseException.find(other)).isNull();
	}

}
