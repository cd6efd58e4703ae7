package io.sessionengines.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.sessionengines.testsupport.TestBackends.RedisEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security context survives a restart on the engines whose store outlives the
 * application ({@code db}, {@code file}, {@code cache} on Redis), on both demos: a user
 * logs in, the application stops, a new one starts on the same store, and the old cookie
 * is still logged in, with the session's data, and can log out.
 * <p>
 * Each application is started with {@link SpringApplication} on a random port, its
 * settings given as command-line arguments so that they win over
 * {@code application.properties}. The restart test class of each demo implements this
 * interface.
 *
 * @author Session Engines contributors
 */
public interface LoginSurvivesRestartChecks {

	/**
	 * Return the demo application to start, twice per test.
	 * @return the application class
	 */
	Class<?> application();

	@Test
	default void dbEngineOnAnH2DatabaseFile(@TempDir Path directory) {
		// no DB_CLOSE_DELAY: the database closes with the first application, so that the
		// second one reads what the first wrote to the file
		String url = "jdbc:h2:file:" + directory.resolve("sessions");
		// to Spring Boot an H2 file is not an embedded database, which the default mode
		// initializes alone
		assertLoginSurvivesARestart((context) -> {
		}, "session.engine=db", "spring.datasource.url=" + url, "session.db.initialize-schema=always");
	}

	@Test
	default void fileEngine(@TempDir Path directory) {
		assertLoginSurvivesARestart((context) -> {
		}, "session.engine=file", "session.file.path=" + directory);
	}

	@Test
	default void cacheEngineOnRedis() {
		RedisEndpoint redis = DemoBackends.redis();
		String prefix = DemoBackends.uniqueKeyPrefix("restart");
		assertLoginSurvivesARestart(
				(context) -> new RedisKeys(context.getBean(StringRedisTemplate.class), prefix).deleteAll(),
				"session.engine=cache", "session.cache-alias=redis", "spring.data.redis.host=" + redis.host(),
				"spring.data.redis.port=" + redis.port(), "session.cache.key-prefix=" + prefix);
	}

	/**
	 * Log in on a first application, restart it and check the login on a second one.
	 * @param cleanup what to remove from a shared store once the test is done, given the
	 * context of the last application started
	 * @param settings the settings of both applications, without the leading {@code --}
	 */
	private void assertLoginSurvivesARestart(Consumer<ConfigurableApplicationContext> cleanup, String... settings) {
		String cookie;
		try (ConfigurableApplicationContext first = start(settings)) {
			try {
				cookie = logIn(new DemoHttp(port(first)));
			}
			catch (RuntimeException | AssertionError ex) {
				// the second application, which cleans up, will not start
				cleanup.accept(first);
				throw ex;
			}
		}
		try (ConfigurableApplicationContext second = start(settings)) {
			try {
				DemoHttp http = new DemoHttp(port(second));
				assertMe(http, cookie, "alice");
				Reply cart = http.post("/api/ops", "[{\"op\":\"get\",\"key\":\"cart\"}]", cookie);
				assertThat(cart.json()).isEqualTo(Reply.json("[[\"tea\"]]"));
				Reply logout = http.post("/api/logout", "", cookie);
				assertThat(logout.status()).as(logout.toString()).isEqualTo(204);
				DemoApi.assertDeletionCookie(logout);
				assertThat(http.get("/api/me", cookie).status()).isEqualTo(401);
			}
			finally {
				cleanup.accept(second);
			}
		}
	}

	/**
	 * Log alice in on the first application, over an anonymous session with a cart.
	 * @param http the client of the first application
	 * @return the logged-in session's cookie
	 */
	private static String logIn(DemoHttp http) {
		String anonymous = http.post("/api/ops", "[{\"op\":\"set\",\"key\":\"cart\",\"value\":[\"tea\"]}]", null)
			.newSessionCookie();
		Reply login = http.post("/api/login", "{\"username\":\"alice\",\"password\":\"wonderland\"}", anonymous);
		assertThat(login.status()).as(login.toString()).isEqualTo(200);
		String cookie = login.newSessionCookie();
		assertThat(cookie).isNotEqualTo(anonymous);
		assertMe(http, cookie, "alice");
		return cookie;
	}

	private ConfigurableApplicationContext start(String... settings) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off"));
		for (String setting : settings) {
			args.add("--" + setting);
		}
		return SpringApplication.run(application(), args.toArray(String[]::new));
	}

	private static void assertMe(DemoHttp http, String cookie, String user) {
		Reply me = http.get("/api/me", cookie);
		assertThat(me.status()).as(me.toString()).isEqualTo(200);
		assertThat(me.json().get("user").stringValue()).isEqualTo(user);
	}

	private static int port(ConfigurableApplicationContext context) {
		Integer port = context.getEnvironment().getProperty("local.server.port", Integer.class);
		assertThat(port).as("local.server.port").isNotNull().isPositive();
		return port;
	}

}
