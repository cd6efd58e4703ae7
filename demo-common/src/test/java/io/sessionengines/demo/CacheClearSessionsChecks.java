package io.sessionengines.demo;

import java.util.ArrayList;
import java.util.List;

import io.sessionengines.testsupport.TestBackends.RedisEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code clearsessions} ({@link ClearSessionsCommand}) with the {@code cache} engine, on
 * both demos: the cache expires sessions by itself, so there is nothing to purge (as
 * Django's {@code clearsessions}, which calls the cache engine's no-op
 * {@code clear_expired}). The command runs in its own context, as
 * {@code java -jar <demo>.jar clearsessions} would; the test class of each demo
 * implements this interface.
 *
 * @author Session Engines contributors
 */
public interface CacheClearSessionsChecks {

	/**
	 * What the command prints with the {@code cache} engine.
	 */
	String NOTHING_TO_DO = "The 'cache' session engine expires sessions by itself; nothing to do.";

	/**
	 * Return the demo application whose context the command runs in.
	 * @return the application class
	 */
	Class<?> application();

	@Test
	default void clearSessionsOnTheMemoryCacheHasNothingToDo() {
		assertThat(clearSessions("--session.cache-alias=memory")).isEqualTo(NOTHING_TO_DO);
	}

	@Test
	default void clearSessionsOnRedisHasNothingToDo() {
		RedisEndpoint redis = DemoBackends.redis();
		assertThat(clearSessions("--session.cache-alias=redis", "--spring.data.redis.host=" + redis.host(),
				"--spring.data.redis.port=" + redis.port(),
				"--session.cache.key-prefix=" + DemoBackends.uniqueKeyPrefix("clearsessions")))
			.isEqualTo(NOTHING_TO_DO);
	}

	private String clearSessions(String... settings) {
		List<String> args = new ArrayList<>(List.of(ClearSessionsCommand.NAME, "--session.engine=cache"));
		args.addAll(List.of(settings));
		return ClearSessionsChecks.run(application(), args.toArray(String[]::new));
	}

}
