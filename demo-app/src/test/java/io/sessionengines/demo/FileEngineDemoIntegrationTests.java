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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Demo API tests with the {@code file} engine, plus its own checks: one file per session
 * named after the cookie, readable by its owner only, no temporary file left behind, and
 * cookies that try to leave the session directory (Django reference §6.5, check 21).
 * <p>
 * The session directory sits in a scratch directory next to a sentinel file, and holds a
 * directory named after the cookie, so that a cookie such as {@code /../../sentinel}
 * would reach the sentinel if the engine built a path from it. After every test the
 * sentinel must be unchanged and the session directory must hold nothing but session
 * files.
 *
 * @author Session Engines contributors
 */
@TestPropertySource(properties = "session.engine=file")
class FileEngineDemoIntegrationTests extends AbstractServerSideDemoHttpIntegrationTests {

	private static final String SENTINEL_CONTENT = "sentinel: the file engine must never touch this file";

	private static final Instant SENTINEL_TIME = Instant.parse("2001-02-03T04:05:06Z");

	private static final String SESSION_FILE = DemoHttp.COOKIE_NAME + KEY;

	@TempDir
	static Path root;

	@BeforeAll
	static void createDirectories() throws IOException {
		Files.createDirectory(directory());
		Files.createDirectory(trap());
		Files.writeString(sentinel(), SENTINEL_CONTENT);
		Files.setLastModifiedTime(sentinel(), FileTime.from(SENTINEL_TIME));
	}

	@DynamicPropertySource
	static void sessionDirectory(DynamicPropertyRegistry registry) {
		registry.add("session.file.path", () -> directory().toString());
	}

	static Path directory() {
		return root.resolve("sessions");
	}

	/**
	 * A directory named as the engine's file prefix, through which
	 * {@code sessionid/../../sentinel} resolves to the sentinel.
	 * @return the directory
	 */
	private static Path trap() {
		return directory().resolve(DemoHttp.COOKIE_NAME);
	}

	private static Path sentinel() {
		return root.resolve("sentinel");
	}

	@Override
	@Nullable String stored(String key) {
		Path file = directory().resolve(DemoHttp.COOKIE_NAME + key);
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
	void nothingOutsideTheSessionFilesIsTouched() throws IOException {
		assertThat(list(root)).containsExactlyInAnyOrder("sentinel", "sessions");
		assertThat(Files.readString(sentinel())).isEqualTo(SENTINEL_CONTENT);
		assertThat(Files.getLastModifiedTime(sentinel()).toInstant()).isEqualTo(SENTINEL_TIME);
		assertThat(Files.isDirectory(trap())).isTrue();
		assertThat(list(trap())).isEmpty();
		assertThat(list(directory()))
			.allSatisfy((name) -> assertThat(name).as("a session file, the trap or one of the engine's lock files")
				.matches(SESSION_FILE + "|sessionid|\\.sessionlock-[0-9]{1,2}"));
	}

	@Test
	void sessionFileIsNamedAfterTheCookieAndReadableByItsOwnerOnly() throws IOException {
		String cookie = newSession();
		Path file = directory().resolve("sessionid" + cookie);
		assertThat(file).isRegularFile();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(assertStored(cookie)).isEqualTo(Reply.json("{\"visits\":1}"));
	}

	@Test
	void expiredSessionFileIsKeptUntilThePurgeButNeverServed() {
		String cookie = ops("[{'op':'set','key':'a','value':1},{'op':'expiry','value':-10}]", null).newSessionCookie();
		assertThat(directory().resolve("sessionid" + cookie)).isRegularFile();
		assertThat(get("/api/session", cookie).json()).isEqualTo(Reply.json("{}"));
	}

	@ParameterizedTest
	@MethodSource("cookiesOutsideTheKeyAlphabet")
	void cookieOutsideTheKeyAlphabetReadsAsAnEmptySession(String cookie) {
		Reply reply = get("/api/session", cookie);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		assertThat(reply.json()).isEqualTo(Reply.json("{}"));
		DemoApi.assertDeletionCookie(reply);
		Reply peek = get("/api/peek", cookie);
		assertThat(peek.body()).isEqualTo("0");
		DemoApi.assertDeletionCookie(peek);
	}

	@ParameterizedTest
	@MethodSource("cookiesOutsideTheKeyAlphabet")
	void cookieOutsideTheKeyAlphabetGetsAFreshKeyOnWrite(String cookie) {
		Reply reply = get("/api/visits", cookie);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		assertThat(reply.body()).isEqualTo("1");
		String key = reply.newSessionCookie();
		assertThat(key).matches(KEY);
		assertThat(assertStored(key)).isEqualTo(Reply.json("{\"visits\":1}"));
	}

	@ParameterizedTest
	@MethodSource("cookiesOutsideTheKeyAlphabet")
	void cookieOutsideTheKeyAlphabetGetsAFreshKeyOnWriteWithoutLoad(String cookie) {
		Reply reply = ops("[{'op':'clear'},{'op':'set','key':'a','value':1}]", cookie);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		String key = reply.newSessionCookie();
		assertThat(key).matches(KEY);
		assertThat(assertStored(key)).isEqualTo(Reply.json("{\"a\":1}"));
	}

	@ParameterizedTest
	@MethodSource("cookiesOutsideTheKeyAlphabet")
	void flushWithACookieOutsideTheKeyAlphabetDeletesTheCookie(String cookie) {
		Reply reply = ops("[{'op':'flush'},{'op':'key'}]", cookie);
		assertThat(reply.status()).as("Django answers 400; the starter treats the key as unknown: %s", reply)
			.isEqualTo(200);
		assertThat(reply.json()).isEqualTo(Reply.json("[null,null]"));
		DemoApi.assertDeletionCookie(reply);
	}

	@Test
	void upperCaseCopyOfALiveKeyIsAnotherUnknownKey() {
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
