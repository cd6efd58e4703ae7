package io.sessionengines.engine.cache;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Ticker;
import io.sessionengines.engine.AbstractSessionEngineTests;
import io.sessionengines.engine.MutableClock;
import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.session.SessionKeys;
import io.sessionengines.signing.TimestampSigner;
import io.sessionengines.testsupport.TypedTestValues;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CacheSessionEngine} on {@link CaffeineSessionCacheStore}, whose
 * entries expire on a ticker driven by the test clock.
 *
 * @author Session Engines contributors
 */
class CaffeineCacheSessionEngineTests extends AbstractSessionEngineTests {

	private static final String SECRET_KEY = "django-insecure-test-vector-secret";

	private static final String SALT = "io.sessionengines.engine.cache.CacheSessionEngine";

	private static final long MAXIMUM_SIZE = 1000;

	private CaffeineSessionCacheStore store;

	@Override
	protected SessionEngine createEngine(MutableClock clock, SessionExpiry expiry) {
		this.store = new CaffeineSessionCacheStore(MAXIMUM_SIZE, ticker(clock));
		return new CacheSessionEngine(this.store, codec(clock), expiry);
	}

	@Override
	protected boolean purgesExpiredSessions() {
		// entries expire by themselves
		return false;
	}

	static Ticker ticker(Clock clock) {
		return () -> {
			Instant now = clock.instant();
			return now.getEpochSecond() * 1_000_000_000L + now.getNano();
		};
	}

	private static SessionCodec codec(Clock clock) {
		return new SessionCodec(TypedTestValues.serializer(), new TimestampSigner(SECRET_KEY, List.of(), SALT, clock));
	}

	@Test
	void entryHoldsTheSignedSessionData() throws Exception {
		String key = create(data("user", "alice"));
		String token = this.store.get(key);
		assertThat(token).isNotNull();
		byte[] signed = new TimestampSigner(SECRET_KEY, List.of(), SALT, clock())
			.unsign(token, SessionCodec.DEFAULT_MAX_DATA_SIZE)
			.data();
		assertThat(new String(signed, StandardCharsets.UTF_8)).isEqualTo("{\"user\":\"alice\"}");
	}

	@Test
	void entryOfCompressibleDataIsSignedUncompressedAndDecodesWithTheSharedStoresCodec() {
		Map<String, @Nullable Object> data = data("text", "lorem ipsum ".repeat(100));
		SessionCodec codec = codec(clock());
		assertThat(codec.encode(data)).as("precondition: a shared store's entry is compressed").startsWith(".");
		String key = create(data);
		String token = this.store.get(key);
		assertThat(token).doesNotStartWith(".");
		assertThat(codec.decodeData(key, token)).isEqualTo(data);
		assertThat(engine().load(key)).isEqualTo(data);
	}

	@Test
	void entryLivesExactlyAsLongAsTheSession() {
		String key = create(data("user", "alice", SessionExpiry.EXPIRY_KEY, 60));
		advanceClock(Duration.ofSeconds(60).minusNanos(1));
		assertThat(this.store.get(key)).isNotNull();
		advanceClock(Duration.ofNanos(1));
		assertThat(this.store.get(key)).isNull();
	}

	@Test
	void expiredSessionIsNotStoredAndAnUpdateToAPastExpiryRemovesIt() {
		String fresh = SessionKeys.generate();
		engine().save(fresh, data("a", 1), clock().instant().minusSeconds(1), true);
		assertThat(this.store.get(fresh)).isNull();
		String existing = create(data("a", 1));
		engine().save(existing, data("a", 2), clock().instant(), false);
		assertThat(this.store.get(existing)).isNull();
		assertThat(engine().load(existing)).isNull();
	}

	@Test
	void storeWithoutACompareAndSetOfItsOwnReadsComparesAndReplaces() {
		SessionCacheStore delegate = this.store;
		SessionCacheStore plain = new SessionCacheStore() {

			@Override
			public @Nullable String get(String key) {
				return delegate.get(key);
			}

			@Override
			public boolean add(String key, String value, Duration timeToLive) {
				return delegate.add(key, value, timeToLive);
			}

			@Override
			public boolean replace(String key, String value, Duration timeToLive) {
				return delegate.replace(key, value, timeToLive);
			}

			@Override
			public void set(String key, String value, Duration timeToLive) {
				delegate.set(key, value, timeToLive);
			}

			@Override
			public void delete(String key) {
				delegate.delete(key);
			}

		};
		assertThat(plain.compareAndSet("k", "x", "y", Duration.ofMinutes(1))).isEqualTo(CacheSwap.ABSENT);
		plain.add("k", "first", Duration.ofMinutes(1));
		assertThat(plain.compareAndSet("k", "other", "second", Duration.ofMinutes(1)))
			.isEqualTo(CacheSwap.conflict("first"));
		assertThat(plain.compareAndSet("k", "first", "second", Duration.ofMinutes(1))).isEqualTo(CacheSwap.SWAPPED);
		assertThat(plain.get("k")).isEqualTo("second");
	}

	@Test
	void numberOfSessionsIsBounded() {
		CaffeineSessionCacheStore small = new CaffeineSessionCacheStore(10, ticker(clock()));
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			String key = SessionKeys.generate();
			small.add(key, "value", Duration.ofMinutes(10));
			keys.add(key);
		}
		assertThat(keys.stream().filter((key) -> small.get(key) != null).count()).isLessThanOrEqualTo(10);
	}

}
