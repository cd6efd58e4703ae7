package io.sessionengines.demo.django;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.sessionengines.testsupport.TestBackends;
import org.jspecify.annotations.Nullable;

/**
 * A real Django application sharing its sessions with a demo application: the project in
 * demo-common's {@code src/test/django}, run by Debian's Python
 * ({@code /usr/bin/python3}, or the one named by {@value #PYTHON}), set up by
 * {@code manage.py interop_setup} (migrations, then users) and served by
 * {@code manage.py runserver} on a free loopback port. Its output goes to
 * {@code target/django-interop/<name>.log} of the module whose tests run.
 * <p>
 * Without a Python that imports Django and psycopg2, {@link #python()} skips the calling
 * test, or fails it when {@code SESSION_TEST_REQUIRE_SERVICES=true} (CI).
 *
 * @author Session Engines contributors
 */
final class DjangoServer implements AutoCloseable {

	/**
	 * The environment variable (or system property) naming the Python that runs Django.
	 */
	static final String PYTHON = "SESSION_TEST_DJANGO_PYTHON";

	private static final String DEFAULT_PYTHON = "/usr/bin/python3";

	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	/**
	 * What each probed Python can do: the Django version it imports, or why it cannot.
	 */
	private static final Map<String, Probe> probes = new ConcurrentHashMap<>();

	private final Python python;

	private final Map<String, String> settings;

	private final Path log;

	private final URI url;

	private final Process process;

	private DjangoServer(Python python, Map<String, String> settings, Path log, URI url, Process process) {
		this.python = python;
		this.settings = settings;
		this.log = log;
		this.url = url;
		this.process = process;
	}

	/**
	 * Return the Python that runs Django, or skip (or fail, when services are required)
	 * the calling test when there is none that imports Django and psycopg2.
	 * @return the Python and its Django version
	 */
	static Python python() {
		String executable = setting(PYTHON, DEFAULT_PYTHON);
		Probe probe = probes.computeIfAbsent(executable, DjangoServer::probe);
		if (probe.python() == null) {
			TestBackends.unavailable("Django cannot be imported by " + executable + " (" + probe.problem()
					+ "); install Debian's packages (apt-get install python3-django python3-psycopg2), run .ci/run,"
					+ " or set " + PYTHON + " to a Python that imports django and psycopg2,"
					+ " to run the Django interoperability tests");
		}
		return probe.python();
	}

	/**
	 * Set up the Django project's database and users, then start its server.
	 * @param python the Python to run Django with
	 * @param settings the environment variables the project's settings read
	 * @param name a name for the output file, such as the engine
	 * @return the running server
	 */
	static DjangoServer start(Python python, Map<String, String> settings, String name) {
		Path log = logDirectory().resolve(name + ".log");
		try {
			Files.deleteIfExists(log);
			Files.createFile(log);
			run(python, settings, log, "interop_setup");
			URI url = URI.create("http://127.0.0.1:" + freePort());
			Process process = processBuilder(python, settings, log, "runserver", url.getHost() + ":" + url.getPort(),
					"--noreload")
				.start();
			DjangoServer server = new DjangoServer(python, settings, log, url, process);
			server.awaitAnswer();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return the server's base URL.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	URI url() {
		return this.url;
	}

	/**
	 * Return the Django version.
	 * @return the version, such as {@code 3.2.25}
	 */
	String version() {
		return this.python.djangoVersion();
	}

	/**
	 * Return whether the Django version is at least the given one.
	 * @param major the major version
	 * @param minor the minor version
	 * @return whether Django is that version or a later one
	 */
	boolean isAtLeast(int major, int minor) {
		String[] parts = version().split("\\.");
		int actualMajor = Integer.parseInt(parts[0]);
		int actualMinor = (parts.length > 1) ? Integer.parseInt(parts[1].replaceAll("\\D.*", "")) : 0;
		return actualMajor > major || (actualMajor == major && actualMinor >= minor);
	}

	/**
	 * Run a management command with the server's settings, such as {@code clearsessions},
	 * and wait for it.
	 * @param command the command and its arguments
	 * @return what it printed
	 */
	String manage(String... command) {
		try {
			long mark = outputMark();
			run(this.python, this.settings, this.log, command);
			return outputSince(mark);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return a mark in the server's output, for {@link #outputSince(long)}.
	 * @return the mark
	 */
	long outputMark() {
		try {
			return Files.size(this.log);
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/**
	 * Return what the server and its commands printed since a mark.
	 * @param mark a mark from {@link #outputMark()}
	 * @return the output
	 */
	String outputSince(long mark) {
		try {
			byte[] output = Files.readAllBytes(this.log);
			int from = (int) Math.min(mark, output.length);
			return new String(output, from, output.length - from, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "(" + this.log + " cannot be read: " + ex + ")";
		}
	}

	/**
	 * Stop the server and every process it started.
	 */
	@Override
	public void close() {
		stop(this.process);
	}

	private void awaitAnswer() throws IOException {
		Instant deadline = Instant.now().plus(START_TIMEOUT);
		HttpRequest probe = HttpRequest.newBuilder(this.url.resolve("/whoami")).timeout(Duration.ofSeconds(2)).build();
		while (true) {
			try {
				if (client.send(probe, BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				close();
				throw new IllegalStateException("Interrupted while Django was starting", ex);
			}
			if (!this.process.isAlive() || Instant.now().isAfter(deadline)) {
				close();
				throw new IllegalStateException("Django did not answer GET " + probe.uri() + " within "
						+ START_TIMEOUT.toSeconds() + " s (" + describe(this.process) + "); its output (" + this.log
						+ "):\n" + Files.readString(this.log));
			}
			sleep(Duration.ofMillis(100));
		}
	}

	private static void run(Python python, Map<String, String> settings, Path log, String... command)
			throws IOException {
		Process process = processBuilder(python, settings, log, command).start();
		try {
			if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				stop(process);
				throw new IllegalStateException("manage.py " + String.join(" ", command) + " did not finish within "
						+ COMMAND_TIMEOUT.toSeconds() + " s; output:\n" + Files.readString(log));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			stop(process);
			throw new IllegalStateException(ex);
		}
		if (process.exitValue() != 0) {
			throw new IllegalStateException("manage.py " + String.join(" ", command) + " exited with "
					+ process.exitValue() + "; output:\n" + Files.readString(log));
		}
	}

	private static ProcessBuilder processBuilder(Python python, Map<String, String> settings, Path log,
			String... command) {
		List<String> line = new ArrayList<>(List.of(python.executable(), "manage.py"));
		line.addAll(List.of(command));
		ProcessBuilder builder = new ProcessBuilder(line).directory(projectDirectory().toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		// only what the project's settings read: no SESSION_* or DJANGO_* variable of
		// the developer's shell reaches Django
		Map<String, String> environment = builder.environment();
		environment.clear();
		environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
		environment.put("LANG", "C.UTF-8");
		environment.put("PYTHONDONTWRITEBYTECODE", "1");
		environment.put("PYTHONUNBUFFERED", "1");
		environment.put("DJANGO_SETTINGS_MODULE", "interop.settings");
		environment.putAll(settings);
		return builder;
	}

	private static void stop(Process process) {
		process.descendants().forEach(ProcessHandle::destroy);
		process.destroy();
		try {
			if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
	}

	private static String describe(Process process) {
		return process.isAlive() ? "still running" : "exited with " + process.exitValue();
	}

	private static Probe probe(String executable) {
		if (!Files.isExecutable(Path.of(executable))) {
			return new Probe(null, "there is no executable " + executable);
		}
		try {
			Process process = new ProcessBuilder(executable, "-c",
					"import django, psycopg2; print(django.get_version())")
				.redirectErrorStream(true)
				.start();
			// a version number or a traceback: small enough for the pipe's buffer
			if (!process.waitFor(PROBE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return new Probe(null, "importing Django took longer than " + PROBE_TIMEOUT.toSeconds() + " s");
			}
			String output;
			try (InputStream in = process.getInputStream()) {
				output = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
			}
			if (process.exitValue() != 0 || !output.matches("\\d+\\.\\d+.*")) {
				String[] lines = output.split("\n");
				return new Probe(null, lines[lines.length - 1]);
			}
			return new Probe(new Python(executable, output), null);
		}
		catch (IOException ex) {
			return new Probe(null, ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Probe(null, "interrupted");
		}
	}

	/**
	 * Return the Django project, demo-common's ({@code demo-common/src/test/django}),
	 * found from where this class was loaded (demo-common's test classes, or its test jar
	 * in {@code demo-common/target}) or else beside the module whose tests run, so that
	 * it does not depend on the working directory when the build is a reactor build.
	 */
	private static Path projectDirectory() {
		List<Path> candidates = new ArrayList<>();
		Path classes = classesLocation();
		if (classes != null && classes.getParent() != null && classes.getParent().getParent() != null) {
			candidates.add(classes.getParent().getParent().resolve("src/test/django"));
		}
		candidates.add(workingDirectory().resolveSibling("demo-common").resolve("src/test/django"));
		for (Path project : candidates) {
			if (Files.isRegularFile(project.resolve("manage.py"))) {
				return project;
			}
		}
		throw new IllegalStateException("No Django project in " + candidates);
	}

	/**
	 * Return where Django's logs go: the {@code target} directory of the module whose
	 * tests run (Maven runs them in the module's directory).
	 */
	private static Path logDirectory() {
		try {
			return Files.createDirectories(workingDirectory().resolve("target/django-interop"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path workingDirectory() {
		return Path.of(System.getProperty("user.dir")).toAbsolutePath();
	}

	private static @Nullable Path classesLocation() {
		try {
			return Path.of(DjangoServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String setting(String name, String defaultValue) {
		String value = System.getProperty(name);
		if (value == null || value.isBlank()) {
			value = System.getenv(name);
		}
		return (value != null && !value.isBlank()) ? value : defaultValue;
	}

	/**
	 * A Python that imports Django.
	 *
	 * @param executable the interpreter
	 * @param djangoVersion the version of Django it imports
	 */
	record Python(String executable, String djangoVersion) {

	}

	private record Probe(@Nullable Python python, @Nullable String problem) {

	}

}
