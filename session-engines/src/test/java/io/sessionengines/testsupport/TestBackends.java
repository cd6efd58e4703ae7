package io.sessionengines.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Assumptions;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The real backends that integration tests run against: PostgreSQL, MariaDB and Redis.
 * <p>
 * Each method probes its backend once per JVM (in at most two seconds) and returns it
 * when it answers. When it does not, the calling test is skipped with a message that says
 * how to run it (a JUnit assumption), unless the environment variable
 * {@value #REQUIRE_SERVICES} is {@code true}, as on CI ({@code .ci/run}): then the test
 * fails. Redis is the exception on a developer machine: without a server on the standard
 * port, an embedded one is started once per JVM on a free loopback port (it needs
 * {@code com.github.codemonstur:embedded-redis} on the test class path).
 * <p>
 * The locations default to the standard local ports and can be changed with environment
 * variables (or system properties of the same name): {@value #POSTGRES_URL},
 * {@value #MARIADB_URL} (JDBC URLs, with the credentials as URL parameters) and
 * {@value #REDIS_URL} ({@code redis://host:port}).
 * <p>
 * Tests share these servers with each other and with whatever else uses them, so they
 * must keep to their own names: a table from {@link #uniqueName(String)} dropped
 * afterwards, Redis keys under their own prefix. Never flush or reconfigure a shared
 * server; for outages and clusters, start private servers with {@link RedisServerProcess}
 * and {@link RedisTestCluster}.
 *
 * @author Session Engines contributors
 */
public final class TestBackends {

	/**
	 * The environment variable that, when {@code true}, turns a missing backend into a
	 * test failure instead of a skipped test.
	 */
	public static final String REQUIRE_SERVICES = "SESSION_TEST_REQUIRE_SERVICES";

	/**
	 * The environment variable with the JDBC URL of the PostgreSQL test database.
	 */
	public static final String POSTGRES_URL = "SESSION_TEST_POSTGRES_URL";

	/**
	 * The environment variable with the JDBC URL of the MariaDB test database.
	 */
	public static final String MARIADB_URL = "SESSION_TEST_MARIADB_URL";

	/**
	 * The environment variable with the URL of the Redis test server.
	 */
	public static final String REDIS_URL = "SESSION_TEST_REDIS_URL";

	/**
	 * The PostgreSQL test database unless {@value #POSTGRES_URL} says otherwise.
	 */
	public static final String DEFAULT_POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

	/**
	 * The MariaDB test database unless {@value #MARIADB_URL} says otherwise.
	 */
	public static final String DEFAULT_MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/test?user=root";

	/**
	 * The Redis test server unless {@value #REDIS_URL} says otherwise.
	 */
	public static final String DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";

	/**
	 * How long connecting to a backend's port may take in a probe.
	 */
	private static final int CONNECT_TIMEOUT_MILLIS = 500;

	/**
	 * How long a backend may then take to answer in a probe.
	 */
	private static final int ANSWER_TIMEOUT_MILLIS = 1500;

	private static final Pattern JDBC_HOST_PORT = Pattern.compile("^jdbc:[a-z]+://\\[?([^/:?\\]]+)\\]?(?::(\\d+))?");

	/**
	 * The outcome of each probe, by backend URL: the error message, or {@code ""} when
	 * the backend answered.
	 */
	private static final Map<String, String> probes = new ConcurrentHashMap<>();

	private static final Map<String, DataSource> pools = new ConcurrentHashMap<>();

	private static final Set<String> reported = ConcurrentHashMap.newKeySet();

	private TestBackends() {
	}

	/**
	 * Return whether a missing backend fails the tests ({@value #REQUIRE_SERVICES} is
	 * {@code true}).
	 * @return whether backends are required
	 */
	public static boolean servicesRequired() {
		return Boolean.parseBoolean(setting(REQUIRE_SERVICES, "false").trim());
	}

	/**
	 * Return the PostgreSQL test database, or skip (or fail, when backends are required)
	 * the calling test if it cannot be reached.
	 * @return a pooled data source, shared by the tests of the JVM
	 */
	public static DataSource postgres() {
		return database("PostgreSQL", setting(POSTGRES_URL, DEFAULT_POSTGRES_URL), 5432);
	}

	/**
	 * Return the MariaDB test database, or skip (or fail, when backends are required) the
	 * calling test if it cannot be reached.
	 * @return a pooled data source, shared by the tests of the JVM
	 */
	public static DataSource mariadb() {
		return database("MariaDB", setting(MARIADB_URL, DEFAULT_MARIADB_URL), 3306);
	}

	/**
	 * Return the Redis test server: the one at {@value #REDIS_URL} (by default the
	 * standard local port) when it answers; otherwise, unless backends are required, an
	 * embedded server started once for the whole JVM; otherwise skip (or fail) the
	 * calling test.
	 * @return where Redis listens
	 */
	public static RedisEndpoint redis() {
		URI uri = URI.create(setting(REDIS_URL, DEFAULT_REDIS_URL));
		String host = uri.getHost();
		int port = (uri.getPort() != -1) ? uri.getPort() : 6379;
		String location = host + ":" + port;
		String problem = probes.computeIfAbsent(uri.toString(), (key) -> probeRedis(host, port));
		if (problem.isEmpty()) {
			return new RedisEndpoint(host, port, "Redis at " + location);
		}
		String message = "Redis is not reachable at " + location + " (" + problem + ")";
		if (servicesRequired()) {
			unavailable(message + "; start it, or run .ci/run, to run these tests");
		}
		return EmbeddedRedis.endpoint(message);
	}

	/**
	 * Return a name no other test uses, such as {@code session_it_0f3c2a9b4d1e}: for
	 * tables in a shared database, Redis key prefixes and the like.
	 * @param prefix the start of the name, letters, digits and underscores
	 * @return the name
	 */
	public static String uniqueName(String prefix) {
		return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	/**
	 * Drop a table if it exists.
	 * @param dataSource the database
	 * @param table the table name
	 */
	public static void dropTable(DataSource dataSource, String table) {
		new JdbcTemplate(dataSource).execute("DROP TABLE IF EXISTS " + table);
	}

	/**
	 * Report a missing backend or tool: fail when backends are required, skip the calling
	 * test otherwise (and say why on the console, once per JVM). Call it from each test
	 * (a {@code @BeforeEach} method, say) rather than from {@code @BeforeAll}, so that
	 * the build reports the skipped tests.
	 * @param message what is missing and how to provide it
	 */
	public static void unavailable(String message) {
		if (servicesRequired()) {
			throw new IllegalStateException(message + " (" + REQUIRE_SERVICES + "=true, so this is a failure)");
		}
		if (reported.add(message)) {
			System.err.println("[session tests] Skipping: " + message);
		}
		Assumptions.abort(message);
	}

	/**
	 * Return whether something accepts connections at a TCP address.
	 * @param host the host
	 * @param port the port
	 * @param timeoutMillis how long to wait for the connection
	 * @return whether the port is open
	 */
	public static boolean isListening(String host, int port, int timeoutMillis) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), timeoutMillis);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	static String setting(String name, String defaultValue) {
		String value = System.getProperty(name);
		if (value == null || value.isBlank()) {
			value = System.getenv(name);
		}
		return (value != null && !value.isBlank()) ? value : defaultValue;
	}

	private static DataSource database(String product, String url, int defaultPort) {
		Matcher matcher = JDBC_HOST_PORT.matcher(url);
		String location = matcher.find()
				? matcher.group(1) + ":" + ((matcher.group(2) != null) ? matcher.group(2) : defaultPort) : url;
		String problem = probes.computeIfAbsent(url,
				(key) -> probeDatabase(new DriverManagerDataSource(url), location));
		if (!problem.isEmpty()) {
			unavailable(product + " is not reachable at " + location + " (" + problem
					+ "); start it, or run .ci/run, to run these tests");
		}
		return pools.computeIfAbsent(url, TestBackends::pool);
	}

	/**
	 * Return a pool of connections, as applications use, shared by every test of the JVM:
	 * tests that race many requests would otherwise spend their time opening connections.
	 */
	private static DataSource pool(String url) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setMaximumPoolSize(16);
		config.setMinimumIdle(0);
		config.setPoolName("test-" + pools.size());
		return new HikariDataSource(config);
	}

	private static String probeDatabase(DataSource dataSource, String location) {
		int colon = location.lastIndexOf(':');
		if (colon > 0 && !isListening(location.substring(0, colon), Integer.parseInt(location.substring(colon + 1)),
				CONNECT_TIMEOUT_MILLIS)) {
			return "nothing listens there";
		}
		ExecutorService executor = Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, "database-probe");
			thread.setDaemon(true);
			return thread;
		});
		try {
			Future<Boolean> valid = executor.submit(() -> {
				try (Connection connection = dataSource.getConnection()) {
					return connection.isValid(1);
				}
			});
			return valid.get(ANSWER_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS) ? "" : "the connection is not valid";
		}
		catch (Exception ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			return "connecting failed: " + cause;
		}
		finally {
			executor.shutdownNow();
		}
	}

	private static String probeRedis(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
			socket.setSoTimeout(ANSWER_TIMEOUT_MILLIS);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] reply = new byte[64];
			int read = in.read(reply);
			String answer = (read > 0) ? new String(reply, 0, read, StandardCharsets.US_ASCII).trim() : "";
			return answer.equals("+PONG") ? "" : "it answered PING with '" + answer + "'";
		}
		catch (IOException ex) {
			return ex.getMessage().toLowerCase(Locale.ROOT);
		}
	}

	/**
	 * Where a Redis server listens.
	 *
	 * @param host the host
	 * @param port the port
	 * @param description what the server is, for messages
	 */
	public record RedisEndpoint(String host, int port, String description) {

		/**
		 * Return the server's URL.
		 * @return {@code redis://host:port}
		 */
		public String url() {
			return "redis://" + this.host + ":" + this.port;
		}

	}

	/**
	 * The embedded Redis fallback, in its own class so that the embedded-redis library is
	 * loaded only when it is used.
	 */
	private static final class EmbeddedRedis {

		private static RedisEndpoint endpoint;

		private static String failure;

		static synchronized RedisEndpoint endpoint(String why) {
			if (endpoint == null && failure == null) {
				start(why);
			}
			if (endpoint == null) {
				unavailable(why + ", and no embedded Redis could be started (" + failure
						+ "); start Redis, or run .ci/run, to run these tests");
			}
			return endpoint;
		}

		private static void start(String why) {
			try {
				int port = RedisServerProcess.freePort();
				redis.embedded.RedisServer server = redis.embedded.RedisServer.newRedisServer()
					.bind("127.0.0.1")
					.port(port)
					.setting("save \"\"")
					.setting("appendonly no")
					.build();
				server.start();
				Runtime.getRuntime().addShutdownHook(new Thread(() -> {
					try {
						server.stop();
					}
					catch (IOException ex) {
						// the JVM is exiting
					}
				}, "embedded-redis-stop"));
				endpoint = new RedisEndpoint("127.0.0.1", port, "embedded Redis on port " + port);
				System.err.println("[session tests] " + why + "; using an embedded Redis on port " + port);
			}
			catch (IOException | RuntimeException | LinkageError ex) {
				failure = ex.toString();
			}
		}

	}

}
