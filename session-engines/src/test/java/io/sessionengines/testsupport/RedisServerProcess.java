package io.sessionengines.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A private {@code redis-server} process on a free loopback port, for tests that must
 * stop and restart Redis (outages) or configure it (clusters) without touching a shared
 * server. It runs without persistence, in the foreground, with its log in the directory
 * it is given.
 * <p>
 * The executable is {@code redis-server} from the {@code PATH}, or else the one shipped
 * in embedded-redis when that library is on the class path; without either, the calling
 * test is skipped (or fails when {@link TestBackends#servicesRequired() backends are
 * required}). Close it when done, also when the test fails; processes left running are
 * killed when the JVM exits.
 *
 * <pre class="code">
 * try (RedisServerProcess redis = RedisServerProcess.start(temporaryDirectory)) {
 *     // connect to 127.0.0.1:redis.port(); redis.stop(); redis.restart(); ...
 * }
 * </pre>
 *
 * @author Session Engines contributors
 */
public final class RedisServerProcess implements AutoCloseable {

	/**
	 * The loopback address every private server binds to.
	 */
	public static final String HOST = "127.0.0.1";

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(15);

	private static final Set<Process> running = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime()
			.addShutdownHook(new Thread(() -> running.forEach(Process::destroyForcibly), "redis-server-cleanup"));
	}

	private final Path executable;

	private final int port;

	private final Path directory;

	private final List<String> leadingArguments;

	private final List<String> extraArguments;

	private Process process;

	private RedisServerProcess(Path executable, int port, Path directory, List<String> leadingArguments,
			List<String> extraArguments) {
		this.executable = executable;
		this.port = port;
		this.directory = directory;
		this.leadingArguments = List.copyOf(leadingArguments);
		this.extraArguments = List.copyOf(extraArguments);
	}

	/**
	 * Start a server on a free port.
	 * @param directory where the server keeps its log (and nothing else)
	 * @return the running server
	 */
	public static RedisServerProcess start(Path directory) {
		return start(freePort(), directory, List.of());
	}

	/**
	 * Start a server.
	 * @param port the port
	 * @param directory where the server keeps its log and, for cluster nodes, its cluster
	 * configuration
	 * @param extraArguments further {@code redis-server} arguments, such as
	 * {@code --cluster-enabled yes}
	 * @return the running server
	 */
	public static RedisServerProcess start(int port, Path directory, List<String> extraArguments) {
		RedisServerProcess server = new RedisServerProcess(executable(), port, directory, List.of(), extraArguments);
		server.startProcess();
		return server;
	}

	/**
	 * Start a Redis Sentinel on a free port that monitors the given server as the master
	 * of the given name, with a quorum of one.
	 * @param directory where the sentinel keeps its log and its configuration
	 * @param master the server to monitor
	 * @param masterName the name clients ask the sentinel for
	 * @return the running sentinel
	 */
	public static RedisServerProcess startSentinel(Path directory, RedisServerProcess master, String masterName) {
		int port = freePort();
		// a sentinel needs a configuration file of its own, which it rewrites
		Path configuration = directory.resolve("sentinel-" + port + ".conf");
		try {
			Files.createDirectories(directory);
			Files.writeString(configuration,
					"sentinel monitor " + masterName + " " + HOST + " " + master.port() + " 1\n");
		}
		catch (IOException ex) {
			throw new IllegalStateException("Unable to write " + configuration, ex);
		}
		RedisServerProcess sentinel = new RedisServerProcess(executable(), port, directory,
				List.of(configuration.toString()), List.of("--sentinel"));
		sentinel.startProcess();
		return sentinel;
	}

	/**
	 * Return the port.
	 * @return the port the server listens on
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Return the address in {@code host:port} form.
	 * @return the address
	 */
	public String address() {
		return HOST + ":" + this.port;
	}

	/**
	 * Return whether the process is running.
	 * @return whether it is alive
	 */
	public synchronized boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	/**
	 * Stop the server (as a crash would, without saving anything) and wait until it is
	 * gone. Stopping a stopped server does nothing.
	 */
	public synchronized void stop() {
		if (this.process == null) {
			return;
		}
		this.process.destroyForcibly();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				throw new IllegalStateException("redis-server on port " + this.port + " did not stop");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while stopping redis-server", ex);
		}
		finally {
			running.remove(this.process);
			this.process = null;
		}
	}

	/**
	 * Pause the server ({@code kill -STOP}): its connections stay open, but it answers
	 * nothing until it is {@link #resume() resumed}. A paused server can still be
	 * stopped.
	 */
	public synchronized void pause() {
		signal("STOP");
	}

	/**
	 * Resume a {@link #pause() paused} server ({@code kill -CONT}); it then answers the
	 * commands it has received meanwhile.
	 */
	public synchronized void resume() {
		signal("CONT");
	}

	private void signal(String signal) {
		if (this.process == null) {
			throw new IllegalStateException("redis-server on port " + this.port + " is not running");
		}
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(this.process.pid()))
				.redirectErrorStream(true)
				.start();
			if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill -" + signal + " failed for redis-server on port " + this.port
						+ ": " + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Unable to run kill -" + signal, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while signalling redis-server", ex);
		}
	}

	/**
	 * Start the server again on the same port, empty.
	 */
	public synchronized void restart() {
		stop();
		startProcess();
	}

	/**
	 * Send one command on a new connection and return the reply as text: a status, error,
	 * integer or bulk string reply as it reads, {@code null} for a null reply. Array
	 * replies are not supported.
	 * @param arguments the command and its arguments
	 * @return the reply
	 * @throws IOException if the server cannot be reached
	 */
	public String command(String... arguments) throws IOException {
		return command(HOST, this.port, arguments);
	}

	@Override
	public void close() {
		stop();
	}

	/**
	 * Send one command to a Redis server on a new connection; see
	 * {@link #command(String...)}.
	 * @param host the host
	 * @param port the port
	 * @param arguments the command and its arguments
	 * @return the reply, {@code null} for a null reply
	 * @throws IOException if the server cannot be reached
	 */
	public static String command(String host, int port, String... arguments) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 1000);
			socket.setSoTimeout(5000);
			ByteArrayOutputStream request = new ByteArrayOutputStream();
			request.writeBytes(("*" + arguments.length + "\r\n").getBytes(StandardCharsets.UTF_8));
			for (String argument : arguments) {
				byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
				request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
				request.writeBytes(bytes);
				request.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
			}
			OutputStream out = socket.getOutputStream();
			out.write(request.toByteArray());
			out.flush();
			InputStream in = socket.getInputStream();
			String line = readLine(in);
			if (line.startsWith("$")) {
				int length = Integer.parseInt(line.substring(1));
				if (length < 0) {
					return null;
				}
				byte[] bulk = in.readNBytes(length + 2);
				return new String(bulk, 0, length, StandardCharsets.UTF_8);
			}
			if (line.startsWith("*")) {
				throw new IllegalArgumentException("Array replies are not supported: " + String.join(" ", arguments));
			}
			return line.substring(1);
		}
	}

	/**
	 * Return a loopback port that is free now.
	 * @return the port
	 */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("No free port", ex);
		}
	}

	/**
	 * Return a loopback port that is free now together with the port 10000 above it (a
	 * cluster node's bus port).
	 * @return the port
	 */
	public static int freeClusterPort() {
		for (int attempt = 0; attempt < 100; attempt++) {
			int port = ThreadLocalRandom.current().nextInt(20000, 55000);
			if (isFree(port) && isFree(port + 10000)) {
				return port;
			}
		}
		throw new IllegalStateException("No free pair of ports for a cluster node");
	}

	/**
	 * Return a program from the {@code PATH}.
	 * @param name the program's name
	 * @return its path, or {@code null} when it is not on the {@code PATH}
	 */
	public static Path onPath(String name) {
		String path = System.getenv("PATH");
		if (path == null) {
			return null;
		}
		for (String entry : path.split(File.pathSeparator)) {
			if (!entry.isEmpty()) {
				Path candidate = Path.of(entry, name);
				if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
					return candidate;
				}
			}
		}
		return null;
	}

	private static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
			return socket.isBound();
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static Path executable() {
		Path onPath = onPath("redis-server");
		if (onPath != null) {
			return onPath;
		}
		try {
			return EmbeddedExecutable.get();
		}
		catch (IOException | RuntimeException | LinkageError ex) {
			TestBackends.unavailable("redis-server is not on the PATH and the embedded one is not available (" + ex
					+ "); install Redis, or run .ci/run, to run these tests");
			throw new IllegalStateException(ex);
		}
	}

	private void startProcess() {
		List<String> command = new ArrayList<>();
		command.add(this.executable.toString());
		command.addAll(this.leadingArguments);
		command.addAll(List.of("--port", String.valueOf(this.port), "--bind", HOST, "--save", "", "--appendonly", "no",
				"--daemonize", "no", "--dir", this.directory.toString()));
		command.addAll(this.extraArguments);
		Path log = this.directory.resolve("redis-" + this.port + ".log");
		try {
			Files.createDirectories(this.directory);
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Unable to start " + command, ex);
		}
		running.add(this.process);
		long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				running.remove(this.process);
				this.process = null;
				throw new IllegalStateException("redis-server exited at startup: " + command + "\n" + read(log));
			}
			try {
				if ("PONG".equals(command("PING"))) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			sleep(Duration.ofMillis(25));
		}
		stop();
		throw new IllegalStateException("redis-server did not start within " + STARTUP_TIMEOUT + ": " + read(log));
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int previous = -1;
		int current;
		while ((current = in.read()) != -1) {
			if (previous == '\r' && current == '\n') {
				byte[] bytes = line.toByteArray();
				return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
			}
			line.write(current);
			previous = current;
		}
		throw new IOException("Connection closed before a reply");
	}

	private static String read(Path log) {
		try {
			return Files.readString(log);
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	/**
	 * The embedded-redis executable, in its own class so that the library is loaded only
	 * when it is used.
	 */
	private static final class EmbeddedExecutable {

		static Path get() throws IOException {
			File file = redis.embedded.core.ExecutableProvider.newJarResourceProvider().get();
			file.setExecutable(true);
			return file.toPath();
		}

	}

}
