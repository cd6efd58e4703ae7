package io.sessionengines.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Demo API checks for the {@code file} engine, on both stacks: one file per session named
 * after the cookie, readable by its owner only, no temporary file left behind, and
 * cookies that try to leave the session directory (Django reference §6.5, check 21).
 * <p>
 * The session directory ({@link #sessionDirectory(Path)}) sits in a scratch directory
 * next to a sentinel file, and holds a directory named after the cookie, so that a cookie
 * such as {@code /../../sentinel} would reach the sentinel if the engine built a path
 * from it. After every test the sentinel must be unchanged and the session directory must
 * hold nothing but session files. The {@code file} test class of each stack creates the
 * scratch directory with {@link #createDirectories(Path)} before its application starts,
 * and implements this interface.
 *
 * @author Session Engines contributors
 */
public interface FileEngineChecks extends ServerSideChecks {

	/**
	 * What the sentinel file holds.
	 */
	String SENTINEL_CONTENT = "sentinel: the file engine must never touch this file";

	/**
	 * When the sentinel file was last modified.
	 */
	Instant SENTINEL_TIME = Instant.parse("2001-02-03T04:05:06Z");

	/**
	 * Return the scratch directory that {@link #createDirectories(Path)} prepared.
	 * @return the scratch directory
	 */
	Path root();

	/**
	 * Prepare a scratch directory: the session directory, the trap in it and the sentinel
	 * beside it.
	 * @param root the scratch directory, empty
	 * @throws IOException if a directory or the sentinel cannot be written
	 */
	static void createDirectories(Path root) throws IOException {
		Files.createDirectory(sessionDirectory(root));
		Files.createDirectory(trap(root));
		Files.writeString(sentinel(root), SENTINEL_CONTENT);
		Files.setLastModifiedTime(sentinel(root), FileTime.from(SENTINEL_TIME));
	}

	/**
	 * Return the session directory in a scratch directory, the one to configure as
	 * {@code session.file.path}.
	 * @param root the scratch directory
	 * @return the session directory
	 */
	static Path sessionDirectory(Path root) {
		return root.resolve("sessions");
	}

	/**
	 * Return a directory named as the engine's file prefix, through which
	 * {@code sessionid/../../sentinel} resolves to the sentinel.
	 */
	private static Path trap(Path root) {
		return sessionDirectory(root).resolve(DemoHttp.COOKIE_NAME);
	}

	private static Path sentinel(Path root) {
		return root.resolve("sentinel");
	}

	@Override
	default @Nullable String stored(String key) {
		Path file = sessionDirectory(root()).resolve(DemoHttp.COOKIE_NAME + key);
		if (!Files.exists(file)) {
			return null;
		}
		try {
			return Files.readString(file, StandardCharsets.ISO_8859_1);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@AfterEach
	default void nothingOutsideTheSessionFilesIsTouched() throws IOException {
		Path root = root();
		assertThat(list(root)).containsExactlyInAnyOrder("sentinel", "sessions");
		assertThat(Files.readString(sentinel(root))).isEqualTo(SENTINEL_CONTENT);
		assertThat(Files.getLastModifiedTime(sentinel(root)).toInstant()).isEqualTo(SENTINEL_TIME);
		assertThat(Files.isDirectory(trap(root))).isTrue();
		assertThat(list(trap(root))).isEmpty();
		assertThat(list(sessionDirectory(root)))
			.allSatisfy((name) -> assertThat(name).as("a session file, the trap or one of the engine's lock files")
				.matches(DemoHttp.COOKIE_NAME + KEY + "|sessionid|\\.sessionlock-[0-9]{1,2}"));
	}

	@Test
	default void sessionFileIsNamedAfterTheCookieAndReadableByItsOwnerOnly() throws IOException {
		String cookie = newSession();
		Path file = sessionDirectory(root()).resolve("sessionid" + cookie);
		assertThat(file).isRegularFile();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(assertStored(cookie)).isEqualTo(Reply.json("{\"visits\":1}"));
	}

	@Test
	default void expiredSessionFileIsKeptUntilThePurgeButNeverServed() {
		String cookie = ops("[{'op':'set','key':'a','value':1},{'op':'expiry','value':-10}]", null).newSessionCookie();
		assertThat(sessionDirectory(root()).resolve("sessionid" + cookie)).isRegularFile();
		assertThat(get("/api/session", cookie).json()).isEqualTo(Reply.json("{}"));
	}

	@ParameterizedTest
	@MethodSource("io.sessionengines.demo.FileEngineChecks#cookiesOutsideTheKeyAlphabet")
	default void cookieOutsideTheKeyAlphabetReadsAsAnEmptySession(String cookie) {
		Reply reply = get("/api/session", cookie);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		assertThat(reply.json()).isEqualTo(Reply.json("{}"));
		DemoApi.assertDeletionCookie(reply);
		Reply peek = get("/api/peek", cookie);
		assertThat(peek.body()).isEqualTo("0");
		DemoApi.assertDeletionCookie(peek);
	}

	@ParameterizedTest
	@MethodSource("io.sessionengines.demo.FileEngineChecks#cookiesOutsideTheKeyAlphabet")
	default void cookieOutsideTheKeyAlphabetGetsAFreshKeyOnWrite(String cookie) {
		Reply reply = get("/api/visits", cookie);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		assertThat(reply.body()).isEqualTo("1");
		String key = reply.newSessionCookie();
		assertThat(key).matches(KEY);
		assertThat(assertStored(key)).isEqualTo(Reply.json("{\"visits\":1}"));
	}

	@ParameterizedTest
	@MethodSource("io.sessionengines.demo.FileEngineChecks#cookiesOutsideTheKeyAlphabet")
	default void cookieOutsideTheKeyAlphabetGetsAFreshKeyOnWriteWithoutLoad(String cookie) {
		Reply reply = ops("[{'op':'clear'},{'op':'set','key':'a','value':1}]", cookie);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		String key = reply.newSessionCookie();
		assertThat(key).matches(KEY);
		assertThat(assertStored(key)).isEqualTo(Reply.json("{\"a\":1}"));
	}

	@ParameterizedTest
	@MethodSource("io.sessionengines.demo.FileEngineChecks#cookiesOutsideTheKeyAlphabet")
	default void flushWithACookieOutsideTheKeyAlphabetDeletesTheCookie(String cookie) {
		Reply reply = ops("[{'op':'flush'},{'op':'key'}]", cookie);
		assertThat(reply.status()).as("Django answers 400; the starter treats the key as unknown: %s", reply)
			.isEqualTo(200);
		assertThat(reply.json()).isEqualTo(Reply.json("[null,null]"));
		DemoApi.assertDeletionCookie(reply);
	}

	@Test
	default void upperCaseCopyOfALiveKeyIsAnotherUnknownKey() {
		String cookie = newSession();
		String upperCase = cookie.toUpperCase(Locale.ROOT);
		assertThat(upperCase).isNotEqualTo(cookie);
		Reply read = get("/api/peek", upperCase);
		assertThat(read.body()).isEqualTo("0");
		DemoApi.assertDeletionCookie(read);
		DemoApi.assertDeletionCookie(ops("[{'op':'flush'}]", upperCase));
		Reply write = get("/api/visits", upperCase);
		assertThat(write.body()).isEqualTo("1");
		assertThat(write.newSessionCookie()).isNotEqualTo(cookie).matches(KEY);
		assertThat(get("/api/peek", cookie).body()).isEqualTo("1");
		assertThat(assertStored(cookie)).isEqualTo(Reply.json("{\"visits\":1}"));
	}

	/**
	 * Cookie values with characters outside {@code [a-z0-9]}: path separators, dots,
	 * percent-encoded separators, upper case; some shorter than a key.
	 * @return the cookie values
	 */
	static Stream<String> cookiesOutsideTheKeyAlphabet() {
		return Stream.of("../../etc/passwd", "ABC/def", "ABCDEFGH/def", "..%2F..%2Fsentinel", "/../../sentinel",
				"%2e%2e%2f%2e%2e%2fsentinel", "....////", "abcdefgh.tmp-1", "sessions/../../sentinel",
				"ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", "abcdefghijklmnopqrstuvwxyz01234.", "..", "/");
	}

	private static List<String> list(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.map((file) -> file.getFileName().toString()).toList();
		}
	}

}
