package io.sessionengines.engine.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

import io.sessionengines.engine.SaveResult;
import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionCreateException;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.SessionStoreUnavailableException;
import io.sessionengines.engine.SessionUpdateException;
import io.sessionengines.engine.StoredSession;
import io.sessionengines.session.SessionKeys;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Django's {@code file} engine: one file per session, named after the cookie and the key
 * (Django's layout, so a Django application can share the directory), holding the signed
 * session data.
 * <p>
 * Better than Django: a key is checked against {@code [a-z0-9]} before any path is built,
 * so a key such as {@code ../x} is simply unknown; files are readable by their owner only
 * and written atomically (a temporary file in the same directory, then a rename), so no
 * partial file is ever visible; every form of custom expiry is enforced, counted from the
 * file's last modification; loading never writes; write errors are reported; the purge
 * streams the directory and also removes abandoned temporary files; and an update never
 * brings back a session that another request or process deleted (Django checks that the
 * file exists, then renames over it).
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public final class FileSessionEngine implements SessionEngine {

	/**
	 * The keys that name a file: Django's, which accepts only the characters of generated
	 * keys, so that no key can name a file elsewhere.
	 */
	private static final Pattern KEY = Pattern.compile("[" + SessionKeys.KEY_CHARACTERS + "]{1,128}");

	private static final String TEMP_MARKER = ".tmp-";

	/**
	 * How old a temporary file must be before the purge takes it for abandoned.
	 */
	private static final Duration ABANDONED_TEMP_FILE_AGE = Duration.ofMinutes(10);

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	private static final int LOCK_STRIPES = 64;

	private static final String LOCK_FILE_PREFIX = ".sessionlock-";

	private static final Set<StandardOpenOption> LOCK_OPTIONS = Set.of(StandardOpenOption.CREATE,
			StandardOpenOption.WRITE);

	private static final Set<StandardOpenOption> TEMP_OPTIONS = Set.of(StandardOpenOption.CREATE_NEW,
			StandardOpenOption.WRITE);

	/**
	 * How many random temporary names a save tries before it gives up.
	 */
	private static final int TEMP_NAME_ATTEMPTS = 10;

	private final ReentrantLock[] stripes = new ReentrantLock[LOCK_STRIPES];

	private final Path directory;

	private final String prefix;

	private final SessionCodec codec;

	private final SessionExpiry expiry;

	private final boolean posix;

	/**
	 * Create an engine.
	 * @param directory the directory of the session files, which must exist
	 * @param prefix the start of every session file name; Django uses the cookie name
	 * @param codec how session data is encoded in the files
	 * @param expiry the expiry rules
	 */
	public FileSessionEngine(Path directory, String prefix, SessionCodec codec, SessionExpiry expiry) {
		Assert.notNull(directory, "'directory' must not be null");
		Assert.isTrue(prefix != null && !prefix.contains("/") && !prefix.contains("\\") && !prefix.contains(".."),
				"'prefix' must not contain a path");
		Assert.notNull(codec, "'codec' must not be null");
		Assert.notNull(expiry, "'expiry' must not be null");
		Assert.isTrue(Files.isDirectory(directory), () -> "'directory' must be a directory, but " + directory
				+ " is not; create it or set session.file.path to a directory");
		this.directory = directory;
		this.prefix = prefix;
		this.codec = codec;
		this.expiry = expiry;
		this.posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
		Arrays.setAll(this.stripes, (stripe) -> new ReentrantLock());
	}

	@Override
	public @Nullable Map<String, @Nullable Object> load(String key) {
		StoredSession stored = loadStored(key);
		return (stored != null) ? stored.data() : null;
	}

	/**
	 * Load a live session with its version: the file's content.
	 */
	@Override
	public @Nullable StoredSession loadStored(String key) {
		Path file = pathOf(key);
		if (file == null) {
			return null;
		}
		String token;
		Instant lastSaved;
		try {
			lastSaved = Files.getLastModifiedTime(file).toInstant();
			token = Files.readString(file, StandardCharsets.ISO_8859_1);
		}
		catch (NoSuchFileException ex) {
			requireDirectory(ex);
			return null;
		}
		catch (IOException ex) {
			throw unavailable("Unable to read session file " + file, ex);
		}
		StoredSession stored = this.codec.decodeStored(key, token);
		return (stored != null && isLive(stored.data(), lastSaved)) ? stored : null;
	}

	/**
	 * Update the session's file only if it still holds what the request loaded: under the
	 * session's lock, the file is read and compared, then the new file renamed over it,
	 * so that neither a concurrent save nor a delete, in this process or another one
	 * sharing the directory, is lost.
	 */
	@Override
	public SaveResult compareAndSave(String key, Map<String, @Nullable Object> data, Instant expiresAt,
			Object expectedVersion) {
		String expected = SessionCodec.token(expectedVersion);
		Path file = pathOf(key);
		if (file == null) {
			throw new SessionUpdateException("There is no session with this key");
		}
		String token = this.codec.encode(data);
		Path temp = writeTemp(key, token);
		try {
			String current = locked(key, () -> {
				String stored = readIfPresent(file);
				if (expected.equals(stored)) {
					Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
				}
				return stored;
			}, "Unable to write session file " + file);
			if (current == null) {
				throw new SessionUpdateException("The session was deleted before it could be updated");
			}
			return expected.equals(current) ? new SaveResult.Saved(token) : this.codec.conflict(key, current);
		}
		finally {
			deleteQuietly(temp);
		}
	}

	private static @Nullable String readIfPresent(Path file) throws IOException {
		try {
			return Files.readString(file, StandardCharsets.ISO_8859_1);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
	}

	@Override
	public String save(String key, Map<String, @Nullable Object> data, Instant expiresAt, boolean mustCreate) {
		Path file = pathOf(key);
		if (file == null) {
			// no file can have this name, so there is no such session to update
			Assert.isTrue(!mustCreate, "New session keys are made of " + SessionKeys.KEY_CHARACTERS);
			throw new SessionUpdateException("There is no session with this key");
		}
		Path temp = writeTemp(key, this.codec.encode(data));
		try {
			if (mustCreate) {
				create(temp, file);
			}
			else {
				update(key, temp, file);
			}
		}
		finally {
			deleteQuietly(temp);
		}
		return key;
	}

	@Override
	public void delete(String key) {
		Path file = pathOf(key);
		if (file != null) {
			requireDirectory(null);
			locked(key, () -> Files.deleteIfExists(file), "Unable to delete session file " + file);
		}
	}

	@Override
	public OptionalLong clearExpired() {
		long removed = 0;
		Instant abandonedBefore = this.expiry.now().minus(ABANDONED_TEMP_FILE_AGE);
		try (DirectoryStream<Path> files = Files.newDirectoryStream(this.directory, this::isOurs)) {
			for (Path file : files) {
				if (isExpiredOrAbandoned(file, abandonedBefore) && Files.deleteIfExists(file) && !isTemporary(file)) {
					removed++;
				}
			}
		}
		catch (IOException ex) {
			throw unavailable("Unable to purge the session directory " + this.directory, ex);
		}
		return OptionalLong.of(removed);
	}

	/**
	 * Check that the session directory exists and can be written.
	 */
	@Override
	public void checkAvailability() {
		if (!Files.isDirectory(this.directory) || !Files.isWritable(this.directory)) {
			throw new SessionStoreUnavailableException(
					"The session directory " + this.directory + " is not a writable directory", null);
		}
	}

	private boolean isOurs(Path file) {
		String name = file.getFileName().toString();
		return name.startsWith(this.prefix) && !name.equals(this.prefix);
	}

	private boolean isExpiredOrAbandoned(Path file, Instant abandonedBefore) throws IOException {
		String name = file.getFileName().toString();
		try {
			BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
			if (!attributes.isRegularFile()) {
				// such as a directory that happens to start with the prefix
				return false;
			}
			Instant lastSaved = attributes.lastModifiedTime().toInstant();
			if (isTemporary(file)) {
				return lastSaved.isBefore(abandonedBefore);
			}
			String key = name.substring(this.prefix.length());
			if (!KEY.matcher(key).matches()) {
				return false;
			}
			Map<String, @Nullable Object> data = this.codec.decodeData(key,
					Files.readString(file, StandardCharsets.ISO_8859_1));
			return data == null || !isLive(data, lastSaved);
		}
		catch (NoSuchFileException ex) {
			return false;
		}
	}

	/**
	 * Report a missing session directory (an unmounted volume, say) as an outage, so that
	 * it is not taken for a missing session.
	 */
	private void requireDirectory(@Nullable IOException cause) {
		if (!Files.isDirectory(this.directory)) {
			throw new SessionStoreUnavailableException("The session directory " + this.directory + " is missing",
					cause);
		}
	}

	private static boolean isTemporary(Path file) {
		return file.getFileName().toString().contains(TEMP_MARKER);
	}

	private boolean isLive(Map<String, @Nullable Object> data, Instant lastSaved) {
		return this.expiry.now().isBefore(this.expiry.date(data.get(SessionExpiry.EXPIRY_KEY), lastSaved));
	}

	private @Nullable Path pathOf(String key) {
		return KEY.matcher(key).matches() ? this.directory.resolve(this.prefix + key) : null;
	}

	/**
	 * Write the token to a new temporary file beside the session's file, in one open and
	 * one write: its name is the session file's, a marker and a random suffix, created
	 * only if free.
	 */
	private Path writeTemp(String key, String token) {
		ByteBuffer content = ByteBuffer.wrap(token.getBytes(StandardCharsets.ISO_8859_1));
		for (int attempt = 0;; attempt++) {
			Path temp = this.directory.resolve(this.prefix + key + TEMP_MARKER
					+ Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36));
			try (SeekableByteChannel channel = Files.newByteChannel(temp, TEMP_OPTIONS, fileAttributes())) {
				try {
					while (content.hasRemaining()) {
						channel.write(content);
					}
				}
				catch (IOException ex) {
					deleteQuietly(temp);
					throw ex;
				}
				return temp;
			}
			catch (FileAlreadyExistsException ex) {
				if (attempt + 1 == TEMP_NAME_ATTEMPTS) {
					throw unavailable("Unable to write a session file in " + this.directory, ex);
				}
			}
			catch (IOException ex) {
				throw unavailable("Unable to write a session file in " + this.directory, ex);
			}
		}
	}

	private void create(Path temp, Path file) {
		try {
			// a hard link publishes the complete file under its name only if the name is
			// free
			Files.createLink(file, temp);
		}
		catch (FileAlreadyExistsException ex) {
			throw new SessionCreateException("A session with this key already exists");
		}
		catch (IOException | UnsupportedOperationException ex) {
			throw unavailable("Unable to create session file " + file, ex);
		}
	}

	private void update(String key, Path temp, Path file) {
		Boolean updated = locked(key, () -> {
			if (!Files.exists(file)) {
				return false;
			}
			Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			return true;
		}, "Unable to write session file " + file);
		if (!updated) {
			throw new SessionUpdateException("The session was deleted before it could be updated");
		}
	}

	/**
	 * Run an action on a session's file while holding its lock, so that checking the file
	 * and renaming over it cannot interleave with a delete or another save, in this
	 * process or another one sharing the directory: a deleted session never comes back,
	 * and no save is lost. The locks are a fixed set of lock files in the directory,
	 * never deleted, each shared by the keys of one stripe; their names do not start with
	 * the prefix, so Django ignores them.
	 */
	private <T extends @Nullable Object> T locked(String key, LockedAction<T> action, String failure) {
		int stripe = Math.floorMod(key.hashCode(), LOCK_STRIPES);
		ReentrantLock threads = this.stripes[stripe];
		threads.lock();
		try (FileChannel channel = FileChannel.open(this.directory.resolve(LOCK_FILE_PREFIX + stripe), LOCK_OPTIONS,
				fileAttributes()); FileLock processes = channel.lock()) {
			return action.run();
		}
		catch (IOException ex) {
			throw unavailable(failure, ex);
		}
		finally {
			threads.unlock();
		}
	}

	private FileAttribute<?>[] fileAttributes() {
		return this.posix ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(OWNER_ONLY) }
				: new FileAttribute<?>[0];
	}

	private static SessionStoreUnavailableException unavailable(String message, Exception cause) {
		return new SessionStoreUnavailableException(message + ": " + cause.getMessage(), cause);
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			// the purge removes abandoned temporary files
		}
	}

	/**
	 * What runs under a session's lock.
	 */
	@FunctionalInterface
	private interface LockedAction<T extends @Nullable Object> {

		T run() throws IOException;

	}

}
