package io.sessionengines.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClearSessionsCommand} with the {@code file} engine: sessions are made
 * through the API of a running application, some are aged by moving their files'
 * modification time back, then the command runs in its own context on the same directory,
 * as {@code java -jar demo-app.jar clearsessions} would.
 *
 * @author Session Engines contributors
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "session.engine=file")
class FileClearSessionsIntegrationTests {

	private static final Duration COOKIE_AGE = Duration.ofSeconds(DemoApi.DEFAULT_COOKIE_AGE);

	@TempDir
	static Path directory;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void sessionDirectory(DynamicPropertyRegistry registry) {
		registry.add("session.file.path", () -> directory.toString());
	}

	@Test
	void clearSessionsRemovesTheExpiredSessionFilesOnly() throws IOException {
		DemoHttp http = new DemoHttp(this.port);
		String live = http.get("/api/visits", null).newSessionCookie();
		String browserLength = create(http, "0");
		String liveCustom = create(http, "3600");
		String negative = create(http, "-10");
		String pastDate = create(http, "'2001-02-03T04:05:06Z'");
		String oldDefault = create(http, "null");
		age(oldDefault, COOKIE_AGE.plusMinutes(1));
		String oldCustom = create(http, "3600");
		age(oldCustom, Duration.ofHours(2));
		Path foreign = Files.writeString(directory.resolve("notes.txt"), "not a session");
		Path notAKey = Files.writeString(directory.resolve("sessionidNOT-A-KEY"), "not a session either");
		Files.setLastModifiedTime(foreign, FileTime.from(Instant.parse("2001-02-03T04:05:06Z")));
		Files.setLastModifiedTime(notAKey, FileTime.from(Instant.parse("2001-02-03T04:05:06Z")));
		assertThat(sessionFiles()).hasSize(7);
		assertThat(clearSessions()).isEqualTo("Removed 4 expired session(s).");
		assertThat(sessionFiles()).containsExactlyInAnyOrder(file(live), file(browserLength), file(liveCustom));
		assertThat(foreign).hasContent("not a session");
		assertThat(notAKey).hasContent("not a session either");
		assertThat(http.get("/api/peek", live).body()).isEqualTo("1");
		assertThat(http.get("/api/session", browserLength).json().get("a").intValue()).isEqualTo(1);
		assertThat(http.get("/api/session", liveCustom).json().get("a").intValue()).isEqualTo(1);
		assertThat(clearSessions()).isEqualTo("Removed 0 expired session(s).");
		assertThat(sessionFiles()).hasSize(3);
		for (String expired : List.of(negative, pastDate, oldDefault, oldCustom)) {
			Reply replay = http.get("/api/session", expired);
			assertThat(replay.json()).isEqualTo(Reply.json("{}"));
			DemoApi.assertDeletionCookie(replay);
		}
	}

	@Test
	void clearSessionsRemovesAbandonedTemporaryFilesOnly() throws IOException {
		String key = DemoApi.randomKey();
		Path abandoned = Files.writeString(directory.resolve("sessionid" + key + ".tmp-1234567890"), "partial");
		Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
		Path recent = Files.writeString(directory.resolve("sessionid" + key + ".tmp-987654321"), "being written");
		assertThat(clearSessions()).matches("Removed \\d+ expired session\\(s\\)\\.");
		assertThat(abandoned).doesNotExist();
		assertThat(recent).exists();
		Files.delete(recent);
	}

	private static String create(DemoHttp http, String expiry) {
		return http
			.post("/api/ops",
					DemoApi.quotes("[{'op':'set','key':'a','value':1},{'op':'expiry','value':" + expiry + "}]"), null)
			.newSessionCookie();
	}

	private static void age(String key, Duration age) throws IOException {
		Files.setLastModifiedTime(directory.resolve(file(key)), FileTime.from(Instant.now().minus(age)));
	}

	private static String file(String key) {
		return DemoHttp.COOKIE_NAME + key;
	}

	private static List<String> sessionFiles() throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.matches(DemoHttp.COOKIE_NAME + AbstractServerSideDemoHttpIntegrationTests.KEY))
				.toList();
		}
	}

	private static String clearSessions() {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		int exitCode = ClearSessionsCommand.run(DemoApplication.class,
				new String[] { "clearsessions", "--session.engine=file", "--session.file.path=" + directory },
				new PrintStream(output, true, StandardCharsets.UTF_8));
		assertThat(exitCode).isZero();
		return output.toString(StandardCharsets.UTF_8).strip();
	}

}
