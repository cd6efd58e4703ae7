package io.sessionengines.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code clearsessions} ({@link ClearSessionsCommand}) with the {@code file} engine, on
 * both demos: sessions are made through the API of a running demo, some are aged by
 * moving their files' modification time back, then the command runs in its own context on
 * the same directory, as {@code java -jar <demo>.jar clearsessions} would. The test class
 * of each demo runs its demo with {@code session.engine=file} on a directory of its own
 * ({@link #directory()}) and implements this interface.
 *
 * @author Session Engines contributors
 */
public interface FileClearSessionsChecks {

	/**
	 * Return the demo application whose context the command runs in.
	 * @return the application class
	 */
	Class<?> application();

	/**
	 * Return the client of the running demo.
	 * @return the client
	 */
	DemoHttp http();

	/**
	 * Return the running demo's session directory.
	 * @return the directory
	 */
	Path directory();

	@Test
	default void clearSessionsRemovesTheExpiredSessionFilesOnly() throws IOException {
		DemoHttp http = http();
		String live = http.get("/api/visits", null).newSessionCookie();
		String browserLength = create(http, "0");
		String liveCustom = create(http, "3600");
		String negative = create(http, "-10");
		String pastDate = create(http, "'2001-02-03T04:05:06Z'");
		String oldDefault = create(http, "null");
		age(oldDefault, Duration.ofSeconds(DemoApi.DEFAULT_COOKIE_AGE).plusMinutes(1));
		String oldCustom = create(http, "3600");
		age(oldCustom, Duration.ofHours(2));
		Path foreign = Files.writeString(directory().resolve("notes.txt"), "not a session");
		Path notAKey = Files.writeString(directory().resolve("sessionidNOT-A-KEY"), "not a session either");
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
	default void clearSessionsRemovesAbandonedTemporaryFilesOnly() throws IOException {
		String key = DemoApi.randomKey();
		Path abandoned = Files.writeString(directory().resolve("sessionid" + key + ".tmp-1234567890"), "partial");
		Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
		Path recent = Files.writeString(directory().resolve("sessionid" + key + ".tmp-987654321"), "being written");
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

	private void age(String key, Duration age) throws IOException {
		Files.setLastModifiedTime(directory().resolve(file(key)), FileTime.from(Instant.now().minus(age)));
	}

	private static String file(String key) {
		return DemoHttp.COOKIE_NAME + key;
	}

	private List<String> sessionFiles() throws IOException {
		try (Stream<Path> files = Files.list(directory())) {
			return files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.matches(DemoHttp.COOKIE_NAME + ServerSideChecks.KEY))
				.toList();
		}
	}

	private String clearSessions() {
		return ClearSessionsChecks.run(application(), ClearSessionsCommand.NAME, "--session.engine=file",
				"--session.file.path=" + directory());
	}

}
