package io.sessionengines.benchmark.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.file.FileSessionEngine;
import io.sessionengines.serializer.JsonSessionSerializer;
import io.sessionengines.signing.TimestampSigner;
import org.jspecify.annotations.Nullable;

/**
 * A scripted run, not a JMH benchmark: shows that the {@code file} engine keeps working
 * with 1,000,000 session files. Load and save cost must not grow with the number of
 * files, and the purge must stream the directory in bounded memory.
 * <p>
 * It fills directory A with 1,000 sessions and directory B with 1,000,000 (written
 * directly as files holding tokens signed by the engine's codec; a quarter carry an
 * expired custom expiry, a quarter are older than the cookie age, half are live), then
 * measures {@code load}, {@code save} of an existing session and {@code save} of a new
 * one on both directories side by side: warm-up rounds first, then measured rounds in
 * which A and B alternate chunk by chunk, so that noise on a busy machine hits both
 * alike. It reports the median ns/op of the rounds, per-op percentiles, and the ratio B/A
 * ({@code ≈ 1} means the cost does not grow with the file count). Load and update are
 * also measured on the first 1,000 files of B only: the same working set as A, so that
 * the size of the directory is the only difference (random access over a million distinct
 * files also costs cache misses in the kernel's inode and page caches, which any store of
 * a million sessions pays, whatever its layout). Finally it runs {@code clearExpired()}
 * on A and on B and reports how many sessions were removed (against the number expected),
 * how long it took, and the heap: the sum of the heap pools' peaks and the largest heap
 * left after a collection, from GC notifications. Run it with a small heap,
 * {@code -Xmx64m}: a purge that collected the directory listing would not fit.
 * <p>
 * Everything is written under a new directory in the base directory (the first argument,
 * by default the system temporary directory) and deleted at the end. Arguments:
 * {@code [base directory] [files in B] [files in A]}.
 *
 * <pre class="code">
 * ./mvnw -q -DskipTests package -pl benchmarks/jmh -am
 * java -Xmx64m -cp benchmarks/jmh/target/benchmarks.jar io.sessionengines.benchmark.file.FileEngineScaleRun /tmp
 * </pre>
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public final class FileEngineScaleRun {

	private static final String PREFIX = "sessionid";

	private static final Duration COOKIE_AGE = Duration.ofDays(14);

	private static final String SECRET_KEY = "file-engine-scale-run-secret-key-0123456789";

	private static final int WARM_UP_ROUNDS = 5;

	private static final int MEASURED_ROUNDS = 15;

	private static final int LOADS_PER_ROUND = 20_000;

	private static final int SAVES_PER_ROUND = 2_000;

	private static final int CHUNKS = 10;

	private static final long BYTES_PER_FILE_ON_DISK = 4096;

	private static final FileAttribute<?> OWNER_ONLY = PosixFilePermissions
		.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

	private final Path root;

	private final SessionCodec codec;

	private final SessionExpiry expiry;

	private final Clock clock = Clock.systemUTC();

	private final byte[] liveToken;

	private final byte[] expiredToken;

	private FileEngineScaleRun(Path root) {
		this.root = root;
		this.codec = new SessionCodec(new JsonSessionSerializer(),
				new TimestampSigner(SECRET_KEY, List.of(), SessionCodec.STORED_DATA_SALT, this.clock));
		this.expiry = new SessionExpiry(COOKIE_AGE, false, this.clock);
		this.liveToken = this.codec.encode(session(1)).getBytes(StandardCharsets.ISO_8859_1);
		Map<String, @Nullable Object> expired = session(1);
		expired.put(SessionExpiry.EXPIRY_KEY, "2001-02-03T04:05:06+00:00");
		this.expiredToken = this.codec.encode(expired).getBytes(StandardCharsets.ISO_8859_1);
	}

	/**
	 * Run it.
	 * @param args {@code [base directory] [files in B] [files in A]}
	 * @throws IOException if the files cannot be written
	 */
	public static void main(String[] args) throws IOException {
		Path base = Path.of((args.length > 0) ? args[0] : System.getProperty("java.io.tmpdir"));
		int large = (args.length > 1) ? Integer.parseInt(args[1]) : 1_000_000;
		int small = (args.length > 2) ? Integer.parseInt(args[2]) : 1_000;
		FileStore store = Files.getFileStore(base);
		long needed = (large + small) * BYTES_PER_FILE_ON_DISK;
		if (store.getUsableSpace() < 2 * needed) {
			throw new IllegalStateException("Not enough space in " + base + ": about " + mb(needed) + " MB are needed, "
					+ mb(store.getUsableSpace()) + " MB are free");
		}
		Path root = Files.createTempDirectory(base, "file-engine-scale-");
		AtomicBoolean deleted = new AtomicBoolean();
		Thread cleanUp = new Thread(() -> deleteTree(root, deleted), "file-engine-scale-clean-up");
		Runtime.getRuntime().addShutdownHook(cleanUp);
		try {
			header(root, store, small, large);
			new FileEngineScaleRun(root).run(small, large);
		}
		finally {
			long start = System.nanoTime();
			deleteTree(root, deleted);
			System.out.printf(Locale.ROOT, "%nclean-up: deleted %s in %.1f s%n", root, seconds(start));
			Runtime.getRuntime().removeShutdownHook(cleanUp);
		}
	}

	private void run(int small, int large) throws IOException {
		Directory a = generate("A", small, 0x5EED_A000L);
		Directory b = generate("B", large, 0x5EED_B000L);
		measure(a, b);
		purge(a);
		purge(b);
	}

	private Directory generate(String name, int files, long seed) throws IOException {
		Path path = Files.createDirectory(this.root.resolve(name));
		Directory directory = new Directory(name, path, files, seed,
				new FileSessionEngine(path, PREFIX, this.codec, this.expiry));
		FileTime old = FileTime.from(Instant.now().minus(COOKIE_AGE).minus(Duration.ofDays(1)));
		long start = System.nanoTime();
		IntStream.range(0, files).parallel().forEach((index) -> {
			Path file = path.resolve(PREFIX + directory.key(index));
			byte[] token = (index % 4 == 0) ? this.expiredToken : this.liveToken;
			try (SeekableByteChannel channel = Files.newByteChannel(file,
					EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), OWNER_ONLY)) {
				channel.write(ByteBuffer.wrap(token));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			try {
				if (index % 4 == 1) {
					Files.setLastModifiedTime(file, old);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		double elapsed = seconds(start);
		System.out.printf(Locale.ROOT, "generated %s: %,d files (%,d expired) in %.1f s (%,.0f files/s)%n", name, files,
				directory.expired(), elapsed, files / elapsed);
		return directory;
	}

	private void measure(Directory a, Directory b) {
		System.out.printf(Locale.ROOT, "%nload and save: %d warm-up rounds, then %d measured rounds; a round runs "
				+ "each operation in %d chunks per directory, alternating A and B chunk by chunk (and which goes "
				+ "first), so that noise on this machine hits both alike; load average before: %s%n", WARM_UP_ROUNDS,
				MEASURED_ROUNDS, CHUNKS, loadAverage());
		int hot = a.count;
		List<Operation> operations = List.of(new Load(Integer.MAX_VALUE), new Load(hot), new Update(Integer.MAX_VALUE),
				new Update(hot), new Create());
		Map<String, Samples> samples = new LinkedHashMap<>();
		for (Operation operation : operations) {
			samples.put(operation.name() + a.name, new Samples(operation.count()));
			samples.put(operation.name() + b.name, new Samples(operation.count()));
		}
		SplittableRandom random = new SplittableRandom(42);
		for (int round = 0; round < WARM_UP_ROUNDS + MEASURED_ROUNDS; round++) {
			boolean measured = round >= WARM_UP_ROUNDS;
			for (Operation operation : operations) {
				long totalA = 0;
				long totalB = 0;
				for (int chunk = 0; chunk < CHUNKS; chunk++) {
					boolean aFirst = (round + chunk) % 2 == 0;
					for (Directory directory : aFirst ? List.of(a, b) : List.of(b, a)) {
						Samples target = measured ? sample(samples, operation.name() + directory.name) : null;
						long total = operation.run(directory, operation.count() / CHUNKS, random, target);
						if (directory == a) {
							totalA += total;
						}
						else {
							totalB += total;
						}
					}
				}
				if (measured) {
					sample(samples, operation.name() + a.name).endRound(totalA);
					sample(samples, operation.name() + b.name).endRound(totalB);
				}
			}
		}
		System.out.printf(Locale.ROOT, "load average after: %s%n", loadAverage());
		System.out.printf(Locale.ROOT, "%n%-52s %10s %10s %7s   %s%n", "operation (on a random live session)",
				"A ns/op", "B ns/op", "B/A", "per-op p50 / p99 / max in µs, A | B");
		for (Operation operation : operations) {
			Samples sa = sample(samples, operation.name() + a.name);
			Samples sb = sample(samples, operation.name() + b.name);
			double ratio = sb.medianRoundNanosPerOp() / sa.medianRoundNanosPerOp();
			System.out.printf(Locale.ROOT, "%-52s %,10.0f %,10.0f %7.3f   %s | %s%n", operation.description(),
					sa.medianRoundNanosPerOp(), sb.medianRoundNanosPerOp(), ratio, sa.percentiles(), sb.percentiles());
		}
		System.out.printf(Locale.ROOT,
				"(A: %,d files, B: %,d files; ns/op: median over the %d measured rounds of the round's mean; "
						+ "\"first %,d files\": the session is drawn from the first %,d files only, the same working "
						+ "set as A, so the directory size is the only difference)%n",
				a.count, b.count, MEASURED_ROUNDS, hot, hot);
		System.out.printf(Locale.ROOT, "(ranges of the round means, ns/op: %s)%n", ranges(operations, samples, a, b));
	}

	private static Samples sample(Map<String, Samples> samples, String name) {
		return Objects.requireNonNull(samples.get(name), name);
	}

	private static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
	}

	private static String ranges(List<Operation> operations, Map<String, Samples> samples, Directory a, Directory b) {
		List<String> ranges = new ArrayList<>();
		for (Operation operation : operations) {
			ranges.add(operation.description() + ": A " + sample(samples, operation.name() + a.name).roundRange()
					+ ", B " + sample(samples, operation.name() + b.name).roundRange());
		}
		return String.join("; ", ranges);
	}

	private void purge(Directory directory) throws IOException {
		List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP)
			.toList();
		System.gc();
		heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
		long heapBefore = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		GcWatch watch = GcWatch.start();
		long start = System.nanoTime();
		OptionalLong removed = directory.engine.clearExpired();
		double elapsed = seconds(start);
		sleep(Duration.ofMillis(500));
		watch.stop();
		long peak = heapPools.stream().mapToLong((pool) -> pool.getPeakUsage().getUsed()).sum();
		long remaining = count(directory.path);
		System.out.printf(Locale.ROOT,
				"%nclearExpired() on %s (%,d files): removed %,d (expected %,d), %,d files left (expected %,d), "
						+ "%.1f s (%.1f µs/file)%n",
				directory.name, directory.count, removed.orElse(-1), directory.expired(), remaining,
				directory.count - directory.expired(), elapsed, elapsed * 1e6 / directory.count);
		System.out.printf(Locale.ROOT,
				"  heap: max %d MB; used before %.1f MB; peak used during the purge (sum of heap pool peaks) %.1f MB; "
						+ "largest heap after a GC during the purge %s; %d GCs, %d ms%n",
				mb(Runtime.getRuntime().maxMemory()), mbExact(heapBefore), mbExact(peak),
				(watch.collections.get() > 0)
						? String.format(Locale.ROOT, "%.1f MB", mbExact(watch.maxUsedAfterGc.get())) : "(no GC)",
				watch.collections.get(), watch.gcMillis());
		if (removed.orElse(-1) != directory.expired() || remaining != directory.count - directory.expired()) {
			throw new IllegalStateException("The purge of " + directory.name + " removed the wrong files");
		}
	}

	private static Map<String, @Nullable Object> session(int visits) {
		Map<String, @Nullable Object> data = new LinkedHashMap<>();
		data.put("visits", visits);
		data.put("user", "alice");
		data.put("cart", List.of("book", "pen"));
		return data;
	}

	private static void header(Path root, FileStore store, int small, int large) throws IOException {
		Runtime runtime = Runtime.getRuntime();
		System.out.printf(Locale.ROOT, "file engine scale run: A = %,d sessions, B = %,d sessions%n", small, large);
		System.out.printf(Locale.ROOT, "directory %s on %s (%s), %,d MB free%n", root, store.name(), store.type(),
				mb(store.getUsableSpace()));
		System.out.printf(Locale.ROOT, "Java %s (%s), %d CPUs, max heap %d MB, GC %s, %s %s%n",
				System.getProperty("java.version"), System.getProperty("java.vm.name"), runtime.availableProcessors(),
				mb(runtime.maxMemory()),
				ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList(),
				System.getProperty("os.name"), System.getProperty("os.version"));
	}

	private static long count(Path directory) throws IOException {
		long count = 0;
		try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
			for (Path ignored : files) {
				count++;
			}
		}
		return count;
	}

	private static void deleteTree(Path root, AtomicBoolean deleted) {
		if (!deleted.compareAndSet(false, true) || !Files.exists(root)) {
			return;
		}
		try (DirectoryStream<Path> directories = Files.newDirectoryStream(root)) {
			for (Path directory : directories) {
				try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
					for (Path file : files) {
						Files.delete(file);
					}
				}
				Files.delete(directory);
			}
			Files.delete(root);
		}
		catch (IOException ex) {
			System.err.println("Unable to delete " + root + ": " + ex);
		}
	}

	private static void sleep(Duration duration) {
		try {
			// GC notifications arrive asynchronously
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static double seconds(long startNanos) {
		return (System.nanoTime() - startNanos) / 1e9;
	}

	private static long mb(long bytes) {
		return bytes / (1024 * 1024);
	}

	private static double mbExact(long bytes) {
		return bytes / (1024.0 * 1024.0);
	}

	/**
	 * A directory of session files whose keys are computed from their index, so that keys
	 * need no memory: a quarter of the files ({@code index % 4 == 0}) hold an expired
	 * custom expiry, a quarter ({@code index % 4 == 1}) were last modified before the
	 * cookie age, the rest are live.
	 */
	private static final class Directory {

		private final String name;

		private final Path path;

		private final int count;

		private final long seed;

		private final FileSessionEngine engine;

		private Directory(String name, Path path, int count, long seed, FileSessionEngine engine) {
			this.name = name;
			this.path = path;
			this.count = count;
			this.seed = seed;
			this.engine = engine;
		}

		String key(long index) {
			return hex(mix(this.seed + 2 * index)) + hex(mix(this.seed + 2 * index + 1));
		}

		/**
		 * Return the key of a random live session among the first files.
		 * @param random the random source
		 * @param limit how many of the first files to draw from
		 * @return the key
		 */
		String randomLiveKey(SplittableRandom random, int limit) {
			int files = Math.min(this.count, limit);
			long index;
			do {
				index = 4L * random.nextInt((files + 3) / 4) + 2 + random.nextInt(2);
			}
			while (index >= files);
			return key(index);
		}

		long expired() {
			return (this.count + 3) / 4 + (this.count + 2) / 4;
		}

		private static long mix(long value) {
			long z = value + 0x9E3779B97F4A7C15L;
			z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
			z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
			return z ^ (z >>> 31);
		}

		private static String hex(long value) {
			String hex = Long.toHexString(value);
			return "0".repeat(16 - hex.length()) + hex;
		}

	}

	/**
	 * Latencies of one operation on one directory over the measured rounds.
	 */
	private static final class Samples {

		private final int perRound;

		private final long[] nanos;

		private final double[] roundMeans = new double[MEASURED_ROUNDS];

		private int size;

		private int rounds;

		private Samples(int perRound) {
			this.perRound = perRound;
			this.nanos = new long[perRound * MEASURED_ROUNDS];
		}

		void add(long nanos) {
			this.nanos[this.size++] = nanos;
		}

		void endRound(long totalNanos) {
			this.roundMeans[this.rounds++] = (double) totalNanos / this.perRound;
		}

		double medianRoundNanosPerOp() {
			double[] sorted = Arrays.copyOf(this.roundMeans, this.rounds);
			Arrays.sort(sorted);
			return (sorted.length % 2 == 1) ? sorted[sorted.length / 2]
					: (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
		}

		String roundRange() {
			double[] sorted = Arrays.copyOf(this.roundMeans, this.rounds);
			Arrays.sort(sorted);
			return String.format(Locale.ROOT, "%,.0f-%,.0f", sorted[0], sorted[sorted.length - 1]);
		}

		String percentiles() {
			long[] sorted = Arrays.copyOf(this.nanos, this.size);
			Arrays.sort(sorted);
			return String.format(Locale.ROOT, "%.1f / %.1f / %.0f", sorted[sorted.length / 2] / 1e3,
					sorted[(int) (sorted.length * 0.99)] / 1e3, sorted[sorted.length - 1] / 1e3);
		}

	}

	/**
	 * An operation measured on both directories.
	 */
	private abstract class Operation {

		abstract String name();

		abstract String description();

		abstract int count();

		/**
		 * Run a chunk of operations.
		 * @param directory the directory
		 * @param operations how many
		 * @param random the random source
		 * @param samples where to record the latencies, or {@code null} in warm-up
		 * @return the total time they took, in nanoseconds
		 */
		long run(Directory directory, int operations, SplittableRandom random, @Nullable Samples samples) {
			long total = 0;
			for (int i = 0; i < operations; i++) {
				String key = key(directory, random);
				long start = System.nanoTime();
				once(directory, key, i);
				long nanos = System.nanoTime() - start;
				total += nanos;
				if (samples != null) {
					samples.add(nanos);
				}
				after(directory, key);
			}
			return total;
		}

		String key(Directory directory, SplittableRandom random) {
			return directory.randomLiveKey(random, Integer.MAX_VALUE);
		}

		abstract void once(Directory directory, String key, int i);

		void after(Directory directory, String key) {
		}

	}

	private final class Load extends Operation {

		private final int limit;

		Load(int limit) {
			this.limit = limit;
		}

		@Override
		String name() {
			return "load" + this.limit;
		}

		@Override
		String description() {
			return (this.limit == Integer.MAX_VALUE) ? "load"
					: String.format(Locale.ROOT, "load, first %,d files", this.limit);
		}

		@Override
		String key(Directory directory, SplittableRandom random) {
			return directory.randomLiveKey(random, this.limit);
		}

		@Override
		int count() {
			return LOADS_PER_ROUND;
		}

		@Override
		void once(Directory directory, String key, int i) {
			if (directory.engine.load(key) == null) {
				throw new IllegalStateException("Live session " + key + " did not load from " + directory.name);
			}
		}

	}

	private final class Update extends Operation {

		private final int limit;

		Update(int limit) {
			this.limit = limit;
		}

		@Override
		String name() {
			return "update" + this.limit;
		}

		@Override
		String description() {
			return (this.limit == Integer.MAX_VALUE) ? "save (update)"
					: String.format(Locale.ROOT, "save (update), first %,d files", this.limit);
		}

		@Override
		String key(Directory directory, SplittableRandom random) {
			return directory.randomLiveKey(random, this.limit);
		}

		@Override
		int count() {
			return SAVES_PER_ROUND;
		}

		@Override
		void once(Directory directory, String key, int i) {
			directory.engine.save(key, session(i), FileEngineScaleRun.this.clock.instant().plus(COOKIE_AGE), false);
		}

	}

	private final class Create extends Operation {

		private final AtomicLong created = new AtomicLong();

		@Override
		String name() {
			return "create";
		}

		@Override
		String description() {
			return "save (new session), deleted again untimed";
		}

		@Override
		int count() {
			return SAVES_PER_ROUND;
		}

		@Override
		String key(Directory directory, SplittableRandom random) {
			// beyond the generated indexes, so always a new file
			return directory.key(directory.count + this.created.incrementAndGet());
		}

		@Override
		void once(Directory directory, String key, int i) {
			directory.engine.save(key, session(i), FileEngineScaleRun.this.clock.instant().plus(COOKIE_AGE), true);
		}

		@Override
		void after(Directory directory, String key) {
			// keep the directory at its size: the new session is removed, untimed
			directory.engine.delete(key);
		}

	}

	/**
	 * Watches garbage collections through GC notifications.
	 */
	private static final class GcWatch implements NotificationListener {

		private final AtomicLong maxUsedAfterGc = new AtomicLong();

		private final AtomicLong collections = new AtomicLong();

		private final AtomicLong gcDuration = new AtomicLong();

		private final List<NotificationEmitter> emitters = new ArrayList<>();

		static GcWatch start() {
			GcWatch watch = new GcWatch();
			for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
				if (collector instanceof NotificationEmitter emitter) {
					emitter.addNotificationListener(watch, null, null);
					watch.emitters.add(emitter);
				}
			}
			return watch;
		}

		void stop() {
			for (NotificationEmitter emitter : this.emitters) {
				try {
					emitter.removeNotificationListener(this);
				}
				catch (javax.management.ListenerNotFoundException ex) {
					// already removed
				}
			}
		}

		long gcMillis() {
			return this.gcDuration.get();
		}

		@Override
		public void handleNotification(Notification notification, Object handback) {
			if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
				return;
			}
			GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
				.from((CompositeData) notification.getUserData());
			long used = 0;
			for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
				if (isHeap(pool.getKey())) {
					used += pool.getValue().getUsed();
				}
			}
			long after = used;
			this.maxUsedAfterGc.accumulateAndGet(after, Math::max);
			this.collections.incrementAndGet();
			this.gcDuration.addAndGet(info.getGcInfo().getDuration());
		}

		private static boolean isHeap(String poolName) {
			return ManagementFactory.getMemoryPoolMXBeans()
				.stream()
				.anyMatch((pool) -> pool.getName().equals(poolName) && pool.getType() == MemoryType.HEAP);
		}

	}

}
