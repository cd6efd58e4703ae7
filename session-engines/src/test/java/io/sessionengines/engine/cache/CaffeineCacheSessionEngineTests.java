package io.sessionengines.engine.cache;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Ticker;
import io.sessionengines.engine.AbstractSessionEngineTests;
import io.sessionengines.engine.MutableClock;
import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.session.SessionKeys;
import io.sessionengines.signing.SigningKey;
import io.sessionengines.signing.SigningKeyRing;
import io.sessionengines.signing.TimestampSigner;
import io.sessionengines.signing.TokenCipher;
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
	void plainDataIsKeptAsItReadsBackAndStillReadsAsItsToken() {
		Map<String, @Nullable Object> data = data("user", "alice", "count", 5L, "tags", Set.of("a"));
		String key = create(data);
		assertThat(this.store.value(key)).isInstanceOf(LiveSessionData.class);
		Map<String, @Nullable Object> readBack = codec(clock()).decodeData(key, codec(clock()).encode(data));
		assertThat(engine().load(key)).isEqualTo(readBack).containsEntry("count", 5);
		String token = this.store.get(key);
		assertThat(token).isNotNull();
		assertThat(codec(clock()).decodeData(key, token)).isEqualTo(readBack);
		assertThat(this.store.get(key)).as("the token is encoded once").isSameAs(token);
	}

	@Test
	void requestsNeverShareTheStoredData() {
		List<@Nullable Object> cart = new ArrayList<>(List.of("book"));
		String key = create(data("cart", cart));
		cart.add("after the save");
		Map<String, @Nullable Object> first = engine().load(key);
		assertThat(first).isNotNull();
		@SuppressWarnings("unchecked")
		List<@Nullable Object> loadedCart = (List<@Nullable Object>) first.get("cart");
		assertThat(loadedCart).isNotNull();
		loadedCart.add("changed in place, never saved");
		first.put("other", 1);
		assertThat(engine().load(key)).isEqualTo(data("cart", List.of("book")));
	}

	@Test
	void dataThatOnlySerializingCanReadBackIsStoredAsAToken() {
		String typed = create(data("badge", new TypedTestValues.Badge("gold", 3)));
		assertThat(this.store.value(typed)).isInstanceOf(String.class);
		assertThat(engine().load(typed)).isEqualTo(data("badge", new TypedTestValues.Badge("gold", 3)));
		String floats = create(data("ratio", 0.5f));
		assertThat(this.store.value(floats)).isInstanceOf(String.class);
		assertThat(engine().load(floats)).isEqualTo(data("ratio", 0.5));
	}

	@Test
	void anEncryptingCodecOrAKeyRingKeepsTokens() {
		CaffeineSessionCacheStore tokens = new CaffeineSessionCacheStore(MAXIMUM_SIZE, ticker(clock()));
		SigningKeyRing ring = new SigningKeyRing(List.of(new SigningKey("k1", SECRET_KEY, null, null, false)),
				COOKIE_AGE);
		TimestampSigner signer = new TimestampSigner(ring, SALT, clock());
		for (SessionCodec codec : List.of(new SessionCodec(TypedTestValues.serializer(), signer,
				new TokenCipher(ring, SALT, clock()), true, SessionCodec.DEFAULT_MAX_DATA_SIZE),
				new SessionCodec(TypedTestValues.serializer(), signer))) {
			CacheSessionEngine engine = new CacheSessionEngine(tokens, codec, expiry());
			String key = SessionKeys.generate();
			engine.save(key, data("user", "alice"), clock().instant().plus(COOKIE_AGE), true);
			assertThat(tokens.value(key)).isInstanceOf(String.class);
			assertThat(engine.load(key)).isEqualTo(data("user", "alice"));
		}
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
