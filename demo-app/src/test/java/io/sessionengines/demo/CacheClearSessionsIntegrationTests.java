package io.sessionengines.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import io.sessionengines.testsupport.TestBackends.RedisEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClearSessionsCommand} with the {@code cache} engine, whose cache
 * expires sessions by itself, so there is nothing to purge (as Django's
 * {@code clearsessions}, which calls the cache engine's no-op {@code clear_expired}).
 *
 * @author Session Engines contributors
 */
class CacheClearSessionsIntegrationTests {

	private static final String NOTHING_TO_DO = "The 'cache' session engine expires sessions by itself; nothing to do.";

	@Test
	void clearSessionsOnTheMemoryCacheHasNothingToDo() {
		assertThat(clearSessions("--session.cache-alias=memory")).isEqualTo(NOTHING_TO_DO);
	}

	@Test
	void clearSessionsOnRedisHasNothingToDo() {
		RedisEndpoint redis = DemoBackends.redis();
		assertThat(clearSessions("--session.cache-alias=redis", "--spring.data.redis.host=" + redis.host(),
				"--spring.data.redis.port=" + redis.port(),
				"--session.cache.key-prefix=" + DemoBackends.uniqueKeyPrefix("clearsessions")))
			.isEqualTo(NOTHING_TO_DO);
	}

	private static String clearSessions(String... settings) {
		String[] args = new String[settings.length + 2];
		args[0] = "clearsessions";
		args[1] = "--session.engine=cache";
		System.arraycopy(settings, 0, args, 2, settings.length);
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		int exitCode = ClearSessionsCommand.run(DemoApplication.class, args,
				new PrintStream(output, true, StandardCharsets.UTF_8));
		assertThat(exitCode).isZero();
		return output.toString(StandardCharsets.UTF_8).strip();
	}

}
