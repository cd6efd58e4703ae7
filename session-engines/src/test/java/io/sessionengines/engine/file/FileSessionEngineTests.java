package io.sessionengines.engine.file;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import io.sessionengines.engine.AbstractSessionEngineTests;
import io.sessionengines.engine.MutableClock;
import io.sessionengines.engine.SaveResult;
import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionCreateException;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.SessionStoreUnavailableException;
import io.sessionengines.engine.StoredSession;
import io.sessionengines.serializer.JsonSessionSerializer;
import io.sessionengines.session.Session;
import io.sessionengines.session.SessionFactory;
import io.sessionengines.session.SessionKeys;
import io.sessionengines.signing.BadSignatureException;
import io.sessionengines.signing.TimestampSigner;
import io.sessionengines.testsupport.TypedTestValues;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Tests for {@link FileSessionEngine}.
 * <p>
 * The engine counts a session's life from its file's modification time, which the file
 * system takes from the real clock. For the contract tests, which move a test clock, the
 * engine under test is wrapped so that each saved file's modification time is set to the
 * test clock (as if the file system used it); the other tests use the engine itself and
 * set modification times explicitly.
 *
 * @author Session Engines contributors
 */
class FileSessionEngineTests extends AbstractSessionEngineTests {

	private static final String LOCK_FILE_PREFIX = ".sessionlock-";

	private static final String SECRET_KEY = "django-insecure-test-vector-secret";

	static final String PREFIX = "sessionid";

	@TempDir
	Path root;

	private Path directory;

	private FileSessionEngine fileEngine;

	private ExecutorService executor;

	private Path immutableDirectory;

	@Override
	protected SessionEngine createEngine(MutableClock clock, SessionExpiry expiry) throws IOException {
		this.directory = Files.createDirectory(this.root.resolve("sessions"));
		this.fileEngine = new FileSessionEngine(this.directory, PREFIX, codec(clock), expiry);
		return new ClockStampedEngine(this.fileEngine, this.directory, clock);
	}

	@AfterEach
	void cleanUp() throws Exception {
		if (this.executor != null) {
			this.executor.shutdownNow();
			assertThat(this.executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		}
		if (this.immutableDirectory != null) {
			chattr("-i", this.immutableDirectory);
		}
		if (this.directory != null && Files.isDirectory(this.directory)) {
			this.directory.toFile().setWritable(true);
		}
	}

	private static SessionCodec codec(Clock clock) {
		// the concurrency tests store sessions of megabytes, so that a write takes time
		return new SessionCodec(TypedTestValues.serializer(),
				new TimestampSigner(SECRET_KEY, List.of(), SessionCodec.STORED_DATA_SALT, clock),
				FileSessionWriter.LARGE_SESSIONS);
	}

	private Path file(String key) {
		return this.directory.resolve(PREFIX + key);
	}

	private void setAge(Path file, Duration age) throws IOException {
		Files.setLastModifiedTime(file, FileTime.from(clock().instant().minus(age)));
	}

	/**
	 * Save a new session with the engine itself and make its file as old as given.
	 */
	private String saveAged(Map<String, @Nullable Object> data, Duration age) throws IOException {
		String key = this.fileEngine.save(SessionKeys.generate(), data, START.plus(COOKIE_AGE), true);
		setAge(file(key), age);
		return key;
	}

	/**
	 * Every file and directory under the test's root, with its modification time and
	 * content.
	 */
	private Map<String, String> snapshot() throws IOException {
		Map<String, String> snapshot = new TreeMap<>();
		try (Stream<Path> paths = Files.walk(this.root)) {
			for (Path path : paths.toList()) {
				String description = Files.getLastModifiedTime(path).toString();
				if (Files.isRegularFile(path)) {
					description += " " + Files.readString(path, StandardCharsets.ISO_8859_1);
				}
				snapshot.put(this.root.relativize(path).toString(), description);
			}
		}
		return snapshot;
	}

	/**
	 * Return the names of the files in the directory, but for the engine's lock files.
	 */
	private List<String> fileNames() throws IOException {
		try (Stream<Path> files = Files.list(this.directory)) {
			return files.map((file) -> file.getFileName().toString())
				.filter((name) -> !name.startsWith(LOCK_FILE_PREFIX))
				.sorted()
				.toList();
		}
	}

	@Test
	void updatesAndDeletesLockAFixedSetOfOwnerOnlyLockFilesThatDjangoIgnores() throws IOException {
		for (int i = 0; i < 300; i++) {
			String key = create(data("n", i));
			save(key, data("n", i + 1), false);
			this.fileEngine.delete(key);
		}
		List<Path> locks;
		try (Stream<Path> files = Files.list(this.directory)) {
			locks = files.filter((file) -> file.getFileName().toString().startsWith(LOCK_FILE_PREFIX)).toList();
		}
		assertThat(locks).isNotEmpty().hasSizeLessThanOrEqualTo(64);
		assertThat(locks).allSatisfy((lock) -> assertThat(lock.getFileName().toString()).doesNotStartWith(PREFIX));
		if (this.directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			for (Path lock : locks) {
				assertThat(Files.getPosixFilePermissions(lock)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
			}
		}
		assertThat(fileNames()).isEmpty();
	}

	@Test
	void sessionIsOneFileNamedAfterThePrefixAndTheKeyHoldingTheSignedData() throws Exception {
		String key = create(data("user", "alice"));
		assertThat(fileNames()).containsExactly("sessionid" + key);
		String token = Files.readString(file(key), StandardCharsets.US_ASCII);
		TimestampSigner signer = new TimestampSigner(SECRET_KEY, List.of(), "django.contrib.sessions.SessionStore",
				clock());
		assertThat(new String(signer.unsign(token, SessionCodec.DEFAULT_MAX_DATA_SIZE).data(), StandardCharsets.UTF_8))
			.isEqualTo("{\"user\":\"alice\"}");
	}

	@Test
	void filesAreReadableAndWritableByTheirOwnerOnly() throws IOException {
		assumeThat(this.directory.getFileSystem().supportedFileAttributeViews()).as("POSIX permissions")
			.contains("posix");
		Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
		String key = create(data("user", "alice"));
		assertThat(Files.getPosixFilePermissions(file(key))).isEqualTo(ownerOnly);
		save(key, data("user", "bob"), false);
		assertThat(Files.getPosixFilePermissions(file(key))).isEqualTo(ownerOnly);
		assertThat(fileNames()).containsExactly("sessionid" + key);
	}

	@Test
	void keysThatAreNotLowerCaseLettersAndDigitsAreUnknownAndNothingOutsideTheDirectoryIsTouched() throws IOException {
		// valid session files that an engine without the key check would reach
		String token = codec(clock()).encode(data("victim", true));
		Files.writeString(this.root.resolve("sentinel"), token);
		Files.createDirectory(this.directory.resolve("sessionid"));
		for (String planted : List.of("sessionidABC", "sessionid..", "sessionida\\b", "sessionidabc.def")) {
			Files.writeString(this.directory.resolve(planted), token);
		}
		assertThat(this.fileEngine.load("abc")).as("a valid key finds nothing").isNull();
		Map<String, String> before = snapshot();
		List<String> keys = List.of("/../../sentinel", "abc/../../../sentinel", "../sentinel", "../../etc/passwd",
				"ABC/def", "ABC", "..", ".", "a\\b", "abc.def", "", "abc\u0000def", "abc def");
		for (String key : keys) {
			assertThat(this.fileEngine.load(key)).as(key).isNull();
			assertThatNoException().as(key).isThrownBy(() -> this.fileEngine.delete(key));
			assertThatExceptionOfType(RuntimeException.class).as(key)
				.isThrownBy(() -> this.fileEngine.save(key, data("attacker", true), START.plus(COOKIE_AGE), false));
			assertThatExceptionOfType(RuntimeException.class).as(key)
				.isThrownBy(() -> this.fileEngine.save(key, data("attacker", true), START.plus(COOKIE_AGE), true));
		}
		assertThat(this.fileEngine.clearExpired()).hasValue(0);
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void everyFormOfCustomExpiryIsEnforcedFromTheLastSave() throws IOException {
		Duration second = Duration.ofSeconds(1);
		// a number of seconds: Django never enforces it on the server
		assertThat(this.fileEngine.load(saveAged(data("n", 1, SessionExpiry.EXPIRY_KEY, 300), Duration.ofSeconds(299))))
			.containsEntry("n", 1);
		assertThat(this.fileEngine.load(saveAged(data("n", 1, SessionExpiry.EXPIRY_KEY, 300), Duration.ofSeconds(301))))
			.isNull();
		// no custom expiry, and 0 (until the browser closes): the cookie age
		assertThat(this.fileEngine.load(saveAged(data("n", 2), COOKIE_AGE.minus(second)))).containsEntry("n", 2);
		assertThat(this.fileEngine.load(saveAged(data("n", 2), COOKIE_AGE.plus(second)))).isNull();
		assertThat(this.fileEngine.load(saveAged(data("n", 3, SessionExpiry.EXPIRY_KEY, 0), COOKIE_AGE.minus(second))))
			.containsEntry("n", 3);
		assertThat(this.fileEngine.load(saveAged(data("n", 3, SessionExpiry.EXPIRY_KEY, 0), COOKIE_AGE.plus(second))))
			.isNull();
		// a negative number: already expired
		assertThat(this.fileEngine.load(saveAged(data("n", 4, SessionExpiry.EXPIRY_KEY, -1), Duration.ZERO))).isNull();
		// a date: whatever the file's age
		String future = SessionExpiry.format(clock().instant().plusSeconds(30));
		String past = SessionExpiry.format(clock().instant().minusSeconds(1));
		assertThat(this.fileEngine.load(saveAged(data("n", 5, SessionExpiry.EXPIRY_KEY, future), Duration.ofDays(365))))
			.containsEntry("n", 5);
		assertThat(this.fileEngine.load(saveAged(data("n", 6, SessionExpiry.EXPIRY_KEY, past), Duration.ZERO)))
			.isNull();
	}

	@Test
	void loadingAnExpiredOrUnknownSessionChangesNothingOnDisk() throws IOException {
		String expired = saveAged(data("user", "alice"), COOKIE_AGE.plusSeconds(1));
		String live = saveAged(data("user", "bob"), Duration.ofMinutes(1));
		Map<String, String> before = snapshot();
		assertThat(this.fileEngine.load(expired)).isNull();
		assertThat(this.fileEngine.load(SessionKeys.generate())).isNull();
		assertThat(this.fileEngine.load(live)).containsEntry("user", "bob");
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void missingDirectoryIsAnOutageNotAMissingSession() throws IOException {
		String key = create(data("user", "alice"));
		FileSystemUtils.deleteRecursively(this.directory);
		assertThatExceptionOfType(SessionStoreUnavailableException.class).isThrownBy(() -> this.fileEngine.load(key));
		assertThatExceptionOfType(SessionStoreUnavailableException.class).isThrownBy(() -> this.fileEngine.delete(key));
		assertThatExceptionOfType(SessionStoreUnavailableException.class)
			.isThrownBy(() -> this.fileEngine.save(key, data("user", "bob"), START.plus(COOKIE_AGE), false));
		assertThatExceptionOfType(SessionStoreUnavailableException.class).isThrownBy(
				() -> this.fileEngine.save(SessionKeys.generate(), data("user", "bob"), START.plus(COOKIE_AGE), true));
		assertThatExceptionOfType(SessionStoreUnavailableException.class).isThrownBy(this.fileEngine::clearExpired);
	}

	@Test
	void writeErrorsInAReadOnlyDirectoryAreReported() throws Exception {
		String key = create(data("user", "alice"));
		makeReadOnly(this.directory);
		Map<String, String> before = snapshot();
		assertThatExceptionOfType(SessionStoreUnavailableException.class).isThrownBy(
				() -> this.fileEngine.save(SessionKeys.generate(), data("user", "bob"), START.plus(COOKIE_AGE), true));
		assertThatExceptionOfType(SessionStoreUnavailableException.class)
			.isThrownBy(() -> this.fileEngine.save(key, data("user", "mallory"), START.plus(COOKIE_AGE), false));
		assertThatExceptionOfType(SessionStoreUnavailableException.class).isThrownBy(() -> this.fileEngine.delete(key));
		// reading still works, and nothing changed
		assertThat(this.fileEngine.load(key)).containsEntry("user", "alice");
		assertThat(snapshot()).isEqualTo(before);
	}

	/**
	 * Make a directory read-only, also for root (who ignores permissions) when
	 * {@code chattr} can make it immutable; skip the test otherwise.
	 */
	private void makeReadOnly(Path directory) throws Exception {
		assertThat(directory.toFile().setWritable(false, false)).isTrue();
		if (canCreateFileIn(directory) && chattr("+i", directory)) {
			this.immutableDirectory = directory;
		}
		assumeThat(canCreateFileIn(directory))
			.as("the directory cannot be made read-only for this user (root without chattr)")
			.isFalse();
	}

	private static boolean canCreateFileIn(Path directory) {
		try {
			Files.delete(Files.createTempFile(directory, "probe", null));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static boolean chattr(String change, Path path) throws InterruptedException {
		try {
			Process process = new ProcessBuilder("chattr", change, path.toString()).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Test
	void purgeRemovesAbandonedTemporaryFilesOnlyOnceTheyAreOld() throws IOException {
		String live = create(data("user", "alice"));
		String expired = saveAged(data("user", "bob"), COOKIE_AGE.plusSeconds(1));
		Path abandoned = this.directory.resolve("sessionid" + SessionKeys.generate() + ".tmp-1234567890.tmp");
		Path recent = this.directory.resolve("sessionid" + SessionKeys.generate() + ".tmp-2345678901.tmp");
		Files.writeString(abandoned, "eyJ1c2VyIjoi");
		Files.writeString(recent, "eyJ1c2VyIjoi");
		setAge(abandoned, Duration.ofMinutes(10).plusSeconds(1));
		setAge(recent, Duration.ofMinutes(9));
		// the abandoned temporary file is removed but not counted as a session
		assertThat(this.fileEngine.clearExpired()).hasValue(1);
		assertThat(fileNames()).containsExactlyInAnyOrder("sessionid" + live, recent.getFileName().toString());
		assertThat(this.fileEngine.load(live)).containsEntry("user", "alice");
		assertThat(this.fileEngine.load(expired)).isNull();
	}

	@Test
	void purgeLeavesWhatIsNotASessionFileAlone() throws IOException {
		String expired = saveAged(data("user", "bob"), COOKIE_AGE.plusSeconds(1));
		List<String> foreign = List.of("other", "sessionid", "sessionidABC", "sessionid..", "notsessionidabc");
		for (String name : foreign) {
			Files.writeString(this.directory.resolve(name), "not a session");
			setAge(this.directory.resolve(name), Duration.ofDays(365));
		}
		Files.createDirectory(this.directory.resolve("sessionidsubdirectory"));
		setAge(this.directory.resolve("sessionidsubdirectory"), Duration.ofDays(365));
		assertThat(this.fileEngine.clearExpired()).hasValue(1);
		assertThat(this.fileEngine.load(expired)).isNull();
		List<String> expected = new ArrayList<>(foreign);
		expected.add("sessionidsubdirectory");
		assertThat(fileNames()).containsExactlyInAnyOrderElementsOf(expected);
	}

	@Test
	void purgeRemovesExpiredAndUnreadableSessionsAndKeepsLiveOnes() throws IOException {
		List<String> live = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			switch (i % 3) {
				case 0 -> live.add(saveAged(data("n", i), COOKIE_AGE.minusSeconds(1)));
				case 1 -> saveAged(data("n", i), COOKIE_AGE.plusSeconds(1));
				default -> {
					Path corrupt = file(SessionKeys.generate());
					Files.writeString(corrupt, "not a signed token " + i);
					setAge(corrupt, Duration.ofMinutes(1));
				}
			}
		}
		assertThat(this.fileEngine.clearExpired()).hasValue(200);
		assertThat(fileNames()).hasSize(100);
		for (String key : live) {
			assertThat(this.fileEngine.load(key)).isNotNull();
		}
	}

	@Test
	void concurrentCreatesOfOneKeyHaveExactlyOneWinnerAndLeaveNoTemporaryFile() throws Exception {
		this.executor = Executors.newFixedThreadPool(8);
		String key = SessionKeys.generate();
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Boolean>> results = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			int writer = i;
			results.add(this.executor.submit(() -> {
				start.await();
				try {
					this.fileEngine.save(key, data("writer", writer), START.plus(COOKIE_AGE), true);
					return true;
				}
				catch (SessionCreateException ex) {
					return false;
				}
			}));
		}
		start.countDown();
		List<Boolean> created = new ArrayList<>();
		for (Future<Boolean> result : results) {
			created.add(result.get(30, TimeUnit.SECONDS));
		}
		assertThat(created).containsOnlyOnce(true);
		assertThat(this.fileEngine.load(key)).containsExactly(Map.entry("writer", created.indexOf(true)));
		assertThat(fileNames()).containsExactly("sessionid" + key);
	}

	@Test
	void readersSeeEitherTheOldOrTheNewSessionNeverAPartialOne() throws Exception {
		this.executor = Executors.newFixedThreadPool(2);
		String first = "a".repeat(1024 * 1024);
		String second = "b".repeat(1024 * 1024);
		String key = this.fileEngine.save(SessionKeys.generate(), data("payload", first), START.plus(COOKIE_AGE), true);
		AtomicBoolean writing = new AtomicBoolean(true);
		Future<?> writer = this.executor.submit(() -> {
			try {
				for (int i = 0; i < 60; i++) {
					this.fileEngine.save(key, data("payload", (i % 2 == 0) ? second : first), START.plus(COOKIE_AGE),
							false);
				}
			}
			finally {
				writing.set(false);
			}
			return null;
		});
		int reads = 0;
		while (writing.get() || reads < 10) {
			Map<String, @Nullable Object> loaded = this.fileEngine.load(key);
			assertThat(loaded).as("read %d", reads).isNotNull();
			assertThat(loaded.get("payload")).as("read %d", reads).isIn(first, second);
			reads++;
		}
		writer.get(30, TimeUnit.SECONDS);
		assertThat(fileNames()).containsExactly("sessionid" + key);
	}

	@Test
	void writerKilledMidWriteLeavesOnlyCompleteSessionFiles() throws Exception {
		Path sessions = Files.createDirectory(this.root.resolve("killed"));
		int runs = 0;
		int leftBehind = 0;
		// until a kill has landed in the middle of a write (most do), three runs at least
		while (runs < 3 || (leftBehind == 0 && runs < 10)) {
			// each run creates its own sessions, then updates them; most runs are killed
			// as
			// soon as a new temporary file appears, others after a random delay
			leftBehind += killWriterMidWay(sessions, FileSessionWriter.SESSIONS + 2 + runs, runs % 3 != 1);
			runs++;
			assertEverySessionFileIsComplete(sessions, FileSessionWriter.SESSIONS * runs);
		}
		assertThat(leftBehind).as("no kill landed in the middle of a write").isPositive();
		// temporary files that the kills left behind are removed once they are old
		Clock now = Clock.systemUTC();
		FileSessionEngine engine = new FileSessionEngine(sessions, FileSessionWriter.PREFIX,
				FileSessionWriter.codec(now), new SessionExpiry(Duration.ofDays(1), false, now));
		List<Path> temporary = list(sessions).stream().filter(FileSessionEngineTests::isTemporary).toList();
		assertThat(engine.clearExpired()).as("young temporary files are kept").hasValue(0);
		for (Path file : temporary) {
			Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofMinutes(11))));
		}
		assertThat(engine.clearExpired()).as("temporary files are not counted as sessions").hasValue(0);
		assertThat(list(sessions)).hasSize(FileSessionWriter.SESSIONS * runs)
			.noneMatch(FileSessionEngineTests::isTemporary);
	}

	/**
	 * Run the writer until it has saved the given number of times, then kill it.
	 * @return how many temporary files the kill left behind
	 */
	@Test
	void anUpdateInAnotherProcessNeverBringsBackADeletedSession(@TempDir Path sessions) throws Exception {
		Clock now = Clock.systemUTC();
		FileSessionEngine engine = new FileSessionEngine(sessions, FileSessionWriter.PREFIX,
				FileSessionWriter.codec(now), new SessionExpiry(Duration.ofDays(1), false, now));
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			keys.add(engine.save(SessionKeys.generate(), Map.of("round", -1), Instant.now().plus(Duration.ofDays(1)),
					true));
		}
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
						"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
						FileSessionUpdater.class.getName(), sessions.toString()));
		command.addAll(keys);
		Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
			for (int index = 1; index <= keys.size(); index++) {
				assertThat(output.readLine()).isEqualTo("updating " + index);
				// let the other process update a few times, then delete under it
				Thread.sleep(ThreadLocalRandom.current().nextInt(1, 5));
				engine.delete(keys.get(index - 1));
				assertThat(output.readLine()).as("an update brought session %d back (or it never failed)", index)
					.isEqualTo("deleted " + index);
				assertThat(engine.load(keys.get(index - 1)))
					.as("session %d after the other process's last update", index)
					.isNull();
			}
			assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			child.destroyForcibly();
		}
		assertThat(list(sessions)).noneMatch((file) -> file.getFileName().toString().startsWith("sessionid"));
	}

	@Test
	void writersInTwoProcessesOnOneSessionKeepEveryKey(@TempDir Path sessions) throws Exception {
		Clock now = Clock.systemUTC();
		SessionExpiry expiry = new SessionExpiry(Duration.ofDays(1), false, now);
		FileSessionEngine engine = new FileSessionEngine(sessions, FileSessionWriter.PREFIX,
				FileSessionWriter.codec(now), expiry);
		SessionFactory factory = new SessionFactory(engine, expiry, new JsonSessionSerializer());
		String key = engine.save(SessionKeys.generate(), new LinkedHashMap<>(Map.of("base", 0)),
				Instant.now().plus(Duration.ofDays(1)), true);
		int keysPerWriter = 300;
		Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				FileSessionKeyWriter.class.getName(), sessions.toString(), key, "child",
				Integer.toString(keysPerWriter))
			.redirectErrorStream(true)
			.start();
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
			assertThat(output.readLine()).isEqualTo("ready");
			child.getOutputStream().write('\n');
			child.getOutputStream().flush();
			for (int i = 0; i < keysPerWriter; i++) {
				Session session = factory.open(key);
				session.set("parent" + i, i);
				session.save();
			}
			String done = output.readLine();
			assertThat(done).startsWith("done ");
			assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
			long conflicts = factory.getSaveConflicts() + Long.parseLong(done.substring("done ".length()));
			assertThat(conflicts).as("the two processes' saves met").isPositive();
		}
		finally {
			child.destroyForcibly();
		}
		Map<String, @Nullable Object> stored = engine.load(key);
		assertThat(stored).isNotNull().hasSize(1 + 2 * keysPerWriter).containsEntry("base", 0);
		for (int i = 0; i < keysPerWriter; i++) {
			assertThat(stored).containsEntry("parent" + i, i).containsEntry("child" + i, i);
		}
	}

	private static int killWriterMidWay(Path sessions, int saves, boolean atTemporaryFile) throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Set<Path> temporaryBefore = Set
			.copyOf(list(sessions).stream().filter(FileSessionEngineTests::isTemporary).toList());
		Process child = new ProcessBuilder(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), FileSessionWriter.class.getName(), sessions.toString())
			.redirectErrorStream(true)
			.start();
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
			List<String> lines = new ArrayList<>();
			int saved = 0;
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (saved < saves) {
				String line = output.readLine();
				assertThat(line).as("the writer stopped early: %s", lines).isNotNull();
				assertThat(System.nanoTime()).as("the writer is too slow: %s", lines).isLessThan(deadline);
				lines.add(line);
				if (line.equals("saved")) {
					saved++;
				}
			}
			if (atTemporaryFile) {
				while (list(sessions).stream().noneMatch((file) -> isTemporary(file) && !temporaryBefore.contains(file))
						&& child.isAlive() && System.nanoTime() < deadline) {
					Thread.onSpinWait();
				}
			}
			else {
				Thread.sleep(ThreadLocalRandom.current().nextInt(1, 15));
			}
			child.destroyForcibly();
			assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			child.destroyForcibly();
		}
		return (int) list(sessions).stream()
			.filter((file) -> isTemporary(file) && !temporaryBefore.contains(file))
			.count();
	}

	private static void assertEverySessionFileIsComplete(Path sessions, int count) throws IOException {
		SessionCodec codec = FileSessionWriter.codec(Clock.systemUTC());
		List<Path> files = list(sessions).stream().filter((file) -> !isTemporary(file)).toList();
		assertThat(files).hasSize(count);
		for (Path file : files) {
			assertThat(file.getFileName().toString()).matches("sessionid[a-z0-9]{32}");
			String token = Files.readString(file, StandardCharsets.ISO_8859_1);
			Map<String, @Nullable Object> data;
			try {
				data = codec.decode(token).data();
			}
			catch (BadSignatureException ex) {
				throw new AssertionError(file + " is not a complete session file (" + token.length() + " bytes)", ex);
			}
			long round = ((Number) data.get("round")).longValue();
			assertThat(data).as(file.toString()).containsOnlyKeys("round", "payload");
			assertThat(data.get("payload")).as(file.toString()).isEqualTo(FileSessionWriter.payload(round));
		}
	}

	private static boolean isTemporary(Path file) {
		return file.getFileName().toString().contains(".tmp-");
	}

	private static List<Path> list(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((file) -> file.getFileName().toString().startsWith("sessionid")).toList();
		}
	}

	@Test
	void engineRequiresAnExistingDirectory() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new FileSessionEngine(this.root.resolve("missing"), PREFIX, codec(clock()), expiry()));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new FileSessionEngine(this.directory, "../x", codec(clock()), expiry()));
	}

	@Test
	void clearExpiredReportsWhatItRemoved() throws IOException {
		saveAged(data("n", 1), COOKIE_AGE.plusSeconds(1));
		saveAged(data("n", 2), COOKIE_AGE.plusSeconds(1));
		OptionalLong removed = this.fileEngine.clearExpired();
		assertThat(removed).hasValue(2);
		assertThat(fileNames()).isEmpty();
	}

	/**
	 * The engine under test for the contract: the file engine, with each saved file's
	 * modification time set to the test clock, as if the file system ran on it.
	 */
	static final class ClockStampedEngine implements SessionEngine {

		private final FileSessionEngine engine;

		private final Path directory;

		private final Clock clock;

		ClockStampedEngine(FileSessionEngine engine, Path directory, Clock clock) {
			this.engine = engine;
			this.directory = directory;
			this.clock = clock;
		}

		@Override
		public @Nullable Map<String, @Nullable Object> load(String key) {
			return this.engine.load(key);
		}

		@Override
		public @Nullable StoredSession loadStored(String key) {
			return this.engine.loadStored(key);
		}

		@Override
		public String save(String key, Map<String, @Nullable Object> data, Instant expiresAt, boolean mustCreate) {
			String saved = this.engine.save(key, data, expiresAt, mustCreate);
			stamp(key);
			return saved;
		}

		@Override
		public SaveResult compareAndSave(String key, Map<String, @Nullable Object> data, Instant expiresAt,
				Object expectedVersion) {
			SaveResult result = this.engine.compareAndSave(key, data, expiresAt, expectedVersion);
			if (result instanceof SaveResult.Saved) {
				stamp(key);
			}
			return result;
		}

		private void stamp(String key) {
			try {
				Files.setLastModifiedTime(this.directory.resolve(PREFIX + key), FileTime.from(this.clock.instant()));
			}
			catch (NoSuchFileException ex) {
				// deleted by a concurrent request right after this save
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public void delete(String key) {
			this.engine.delete(key);
		}

		@Override
		public OptionalLong clearExpired() {
			return this.engine.clearExpired();
		}

	}

}
