package io.sessionengines.demo;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo as the build leaves it, AOT-processed ({@code spring-boot:process-aot} runs
 * before the jar is repackaged): its executable jar, started in its own JVM with
 * {@code -Dspring.aot.enabled=true}, uses the generated bean definitions instead of
 * evaluating the auto-configuration, and passes the CI's HTTP smoke test on the default
 * engine, the one the AOT processing chose.
 *
 * @author Session Engines contributors
 */
class DemoAotIntegrationTests {

	private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

	private static final Path JAR = Path.of("target", "demo-app.jar");

	@TempDir
	Path directory;

	private Process demo;

	private Path log;

	private int port;

	@BeforeEach
	void startTheAotProcessedJar() throws IOException {
		assertThat(JAR).as("the repackaged demo (the package phase runs before the integration tests)").exists();
		this.port = freePort();
		this.log = this.directory.resolve("demo.log");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		ProcessBuilder builder = new ProcessBuilder(java, "-Dspring.aot.enabled=true", "-jar",
				JAR.toAbsolutePath().toString(), "--server.port=" + this.port)
			.redirectErrorStream(true)
			.redirectOutput(this.log.toFile())
			.directory(this.directory.toFile());
		// the engine is the one chosen when the build processed the application
		Map<String, String> environment = builder.environment();
		environment.keySet().removeIf((name) -> name.startsWith("SESSION_") || name.startsWith("SPRING_"));
		this.demo = builder.start();
	}

	@AfterEach
	void stopTheDemo() throws InterruptedException {
		this.demo.destroy();
		if (!this.demo.waitFor(30, TimeUnit.SECONDS)) {
			this.demo.destroyForcibly();
		}
	}

	@Test
	void aotProcessedDemoServesTheSmokeTest() throws Exception {
		DemoHttp http = awaitStarted();
		assertThat(Files.readString(this.log)).as("the start-up log")
			.contains("Starting AOT-processed DemoApplication");
		assertThat(http.get("/api/hello", null).body()).isEqualTo("ok");
		assertThat(http.get("/api/settings", null).json().get("engine").asString()).isEqualTo("db");
		Reply first = http.get("/api/visits", null).assertNoServletSession();
		assertThat(first.body()).isEqualTo("1");
		Reply second = http.get("/api/visits", first.newSessionCookie());
		assertThat(second.body()).isEqualTo("2");
	}

	private DemoHttp awaitStarted() throws Exception {
		DemoHttp http = new DemoHttp(this.port);
		Instant deadline = Instant.now().plus(START_TIMEOUT);
		while (Instant.now().isBefore(deadline)) {
			assertThat(this.demo.isAlive()).as("the demo is running; its output:%n%s", output()).isTrue();
			try (Socket socket = new Socket("localhost", this.port)) {
				return http;
			}
			catch (IOException notYet) {
				Thread.sleep(250);
			}
		}
		throw new AssertionError("The demo did not listen within " + START_TIMEOUT + "; its output:\n" + output());
	}

	private String output() throws IOException {
		List<String> lines = Files.readAllLines(this.log);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
