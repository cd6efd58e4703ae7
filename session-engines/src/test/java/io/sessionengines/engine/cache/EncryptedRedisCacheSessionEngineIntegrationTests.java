package io.sessionengines.engine.cache;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

import io.sessionengines.engine.EncryptedCodecs;
import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionDataFormat;
import io.sessionengines.signing.BadSignatureException;
import io.sessionengines.signing.TokenCipher;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CacheSessionEngine} on {@link RedisSessionCacheStore} against a
 * standalone Redis server with its entries encrypted: every test of the Redis cache
 * engine.
 *
 * @author Session Engines contributors
 */
class EncryptedRedisCacheSessionEngineIntegrationTests extends RedisCacheSessionEngineIntegrationTests {

	private static final String SALT = "io.sessionengines.engine.cache.CacheSessionEngine";

	@Override
	protected SessionDataFormat format(Clock clock) {
		return EncryptedCodecs.codec(SALT, clock);
	}

	@Override
	protected String storedJson(String entry) throws BadSignatureException {
		TokenCipher cipher = new TokenCipher(EncryptedCodecs.ring(), SALT, clock());
		return new String(cipher.decrypt(entry, SessionCodec.DEFAULT_MAX_DATA_SIZE).data(), StandardCharsets.UTF_8);
	}

	@Test
	void entryIsEncrypted() {
		String key = create(data("user", "alice"));
		assertThat(redis().opsForValue().get(prefix() + key)).startsWith(TokenCipher.PREFIX).doesNotContain("alice");
	}

}
