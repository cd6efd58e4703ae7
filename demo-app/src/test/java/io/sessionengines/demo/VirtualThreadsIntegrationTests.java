package io.sessionengines.demo;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo with {@code spring.threads.virtual.enabled=true} under a few hundred
 * concurrent requests (new sessions, visits, logins) on each server-side engine that runs
 * in process and on {@code signed_cookies}: no virtual thread is pinned to its carrier
 * with the starter's or the engines' code on its stack (JFR's
 * {@code jdk.VirtualThreadPinned}, recorded without a threshold), and no request holds
 * more than one pooled connection at a time.
 * <p>
 * Virtual threads need Java 21; the build runs these tests on the JVM that the
 * {@code virtual-threads.jvm} property names (the build's own by default), and they are
 * skipped on an older one. From Java 24 a virtual thread no longer pins in a
 * {@code synchronized} block, so there they catch the remaining causes (a class
 * initializer or native frame that blocks); on Java 21 to 23 they also catch
 * {@code synchronized}.
 *
 * @author Session Engines contributors
 */
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need Java 21 or later: "
		+ "run the build with -Dvirtual-threads.jvm=<the java of a JDK 21 or later>")
class VirtualThreadsIntegrationTests {

	private static final String PINNED = "jdk.VirtualThreadPinned";

	private static final String STARTED = "jdk.VirtualThreadStart";

	private static final String OUR_CODE = "io.sessionengines.";

	private static final List<String> WEB_STACK = List.of("org.springframework.web.", "org.springframework.security.",
			"org.springframework.http.", "org.apache.catalina.", "org.apache.coyote.", "org.apache.tomcat.",
			"jakarta.servlet.");

	/**
	 * Frames of the JVM loading a class or linking a call site for the first time, which
	 * it does once per class or call site, on whichever thread comes first.
	 */
	private static final List<String> FIRST_USE_LINKING = List.of("java.lang.ClassLoader.loadClass",
			"java.lang.invoke.MethodHandleNatives.link");

	private static final int USERS = 150;

	private static final int CONCURRENT_USERS = 100;

	@TempDir
	Path directory;

	@ParameterizedTest
	@ValueSource(strings = { "db", "cache", "file", "signed_cookies" })
	void concurrentRequestsNeverPinAVirtualThreadInOurCodeNorHoldTwoConnections(String engine) throws Exception {
		ConnectionsPerThread connections = new ConnectionsPerThread();
		try (ConfigurableApplicationContext context = start(engine, connections);
				Recording recording = pinningRecording()) {
			DemoHttp http = new DemoHttp(((WebServerApplicationContext) context).getWebServer().getPort());
			// a first round initializes the classes of these requests: a thread that
			// waits
			// for another's class initializer pins on every Java version, once per class
			load(http, CONCURRENT_USERS);
			int openedBefore = connections.opened();
			recording.start();
			int requests = load(http, USERS);
			recording.stop();
			List<RecordedEvent> events = events(recording);
			List<RecordedEvent> pinned = events.stream().filter((event) -> is(event, PINNED)).toList();
			assertThat(events.stream().filter((event) -> is(event, STARTED)).count())
				.as("virtual threads started while serving %d requests", requests)
				.isGreaterThanOrEqualTo(USERS);
			List<String> pinnedInOurCode = pinned.stream()
				.filter(VirtualThreadsIntegrationTests::inOurCode)
				.map(this::describe)
				.toList();
			// the stacks go in the description: a report's one-line summary then shows
			// them
			assertThat(pinnedInOurCode)
				.as("pinned virtual threads in our code (of %d pinned in all): %s", pinned.size(), pinnedInOurCode)
				.isEmpty();
			if (engine.equals("db")) {
				assertThat(connections.opened() - openedBefore).as("connections the users' requests took")
					.isGreaterThanOrEqualTo(USERS);
			}
		}
		assertThat(connections.mostHeld()).as("connections a request thread held at once").isLessThanOrEqualTo(1);
	}

	/**
	 * The recording and the filter these tests rely on see a pinned virtual thread in our
	 * code: one that blocks in a class initializer, which pins on every Java version.
	 */
	@Test
	void recordingSeesAVirtualThreadPinnedInOurCode() throws Exception {
		try (Recording recording = pinningRecording()) {
			recording.start();
			// a reflective call: these tests compile for Java 17
			Thread thread = (Thread) Thread.class.getMethod("startVirtualThread", Runnable.class)
				.invoke(null, (Runnable) PinningCanary::touch);
			thread.join();
			recording.stop();
			assertThat(events(recording).stream().filter((event) -> is(event, PINNED)))
				.anyMatch(VirtualThreadsIntegrationTests::inOurCode);
		}
	}

	private ConfigurableApplicationContext start(String engine, ConnectionsPerThread connections) {
		return new SpringApplicationBuilder(DemoApplication.class)
			.initializers((context) -> context.getBeanFactory().addBeanPostProcessor(connections))
			.run("--server.port=0", "--spring.threads.virtual.enabled=true", "--session.engine=" + engine,
					"--session.cache-alias=memory", "--session.file.path=" + this.directory,
					"--spring.datasource.url=jdbc:h2:mem:virtual-threads-" + engine + ";DB_CLOSE_DELAY=-1");
	}

	private static Recording pinningRecording() {
		Recording recording = new Recording();
		recording.enable(PINNED).withoutThreshold().withStackTrace();
		recording.enable(STARTED);
		return recording;
	}

	/**
	 * Each user, on its own client thread: a new session, a visit with its cookie, a
	 * login and a look at who is logged in.
	 */
	private static int load(DemoHttp http, int userCount) throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(CONCURRENT_USERS);
		try {
			List<Future<?>> users = new ArrayList<>();
			for (int i = 0; i < userCount; i++) {
				users.add(clients.submit(() -> {
					Reply first = http.get("/api/visits", null);
					assertThat(first.body()).isEqualTo("1");
					Reply second = http.get("/api/visits", first.newSessionCookie());
					assertThat(second.body()).isEqualTo("2");
					Reply login = http.post("/api/login", "{\"username\":\"alice\",\"password\":\"wonderland\"}",
							first.newSessionCookie());
					assertThat(login.status()).as(login.toString()).isEqualTo(200);
					Reply me = http.get("/api/me", login.newSessionCookie());
					assertThat(me.json().get("user").stringValue()).isEqualTo("alice");
					return null;
				}));
			}
			for (Future<?> user : users) {
				user.get();
			}
			return userCount * 4;
		}
		finally {
			clients.shutdownNow();
		}
	}

	private List<RecordedEvent> events(Recording recording) throws IOException {
		Path file = Files.createTempFile(this.directory, "virtual-threads", ".jfr");
		recording.dump(file);
		return RecordingFile.readAllEvents(file);
	}

	private static boolean is(RecordedEvent event, String type) {
		return event.getEventType().getName().equals(type);
	}

	/**
	 * Return whether a virtual thread pinned in our code: walking down from where it
	 * blocked, through the JDK and the libraries our code calls, our code comes before
	 * the web stack's (Spring's web, security and HTTP layers, Tomcat, the servlet API),
	 * which every request's stack also holds below our filter. A pin while the JVM loaded
	 * a class or linked a call site for its first use does not count: the JVM calls into
	 * Java from native code there, which pins on every Java version, once per class
	 * whatever the code; the first round of requests takes most of them, and under load a
	 * rarer path (a library's, say) may still meet one in the measured round.
	 */
	private static boolean inOurCode(RecordedEvent event) {
		if (event.getStackTrace() == null) {
			return false;
		}
		for (RecordedFrame frame : event.getStackTrace().getFrames()) {
			String type = frame.getMethod().getType().getName();
			if (type.startsWith(OUR_CODE)) {
				return true;
			}
			if (WEB_STACK.stream().anyMatch(type::startsWith)) {
				return false;
			}
			String method = type + "." + frame.getMethod().getName();
			if (FIRST_USE_LINKING.stream().anyMatch(method::startsWith)) {
				return false;
			}
		}
		return false;
	}

	private String describe(RecordedEvent event) {
		return event.getStackTrace()
			.getFrames()
			.stream()
			.map(RecordedFrame::getMethod)
			.map((method) -> method.getType().getName() + "." + method.getName())
			.toList()
			.toString();
	}

	/**
	 * Blocks in its class initializer, the first time it is touched.
	 */
	static final class PinningCanary {

		static {
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		static void touch() {
		}

	}

	/**
	 * Wraps the {@link DataSource} to count, per thread, the connections taken from it
	 * and not yet closed: with virtual threads, a thread is a request.
	 */
	static final class ConnectionsPerThread implements BeanPostProcessor {

		private final ThreadLocal<int[]> held = ThreadLocal.withInitial(() -> new int[1]);

		private final AtomicInteger mostHeld = new AtomicInteger();

		private final AtomicInteger opened = new AtomicInteger();

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if (!(bean instanceof DataSource dataSource)) {
				return bean;
			}
			return new DelegatingDataSource(dataSource) {

				@Override
				public Connection getConnection() throws SQLException {
					return counted(super.getConnection());
				}

				@Override
				public Connection getConnection(String username, String password) throws SQLException {
					return counted(super.getConnection(username, password));
				}

			};
		}

		private Connection counted(Connection connection) {
			int[] count = this.held.get();
			count[0]++;
			this.opened.incrementAndGet();
			this.mostHeld.accumulateAndGet(count[0], Math::max);
			AtomicBoolean closed = new AtomicBoolean();
			return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
					(proxy, method, arguments) -> {
						if (method.getName().equals("close") && closed.compareAndSet(false, true)) {
							count[0]--;
						}
						try {
							return method.invoke(connection, arguments);
						}
						catch (InvocationTargetException ex) {
							throw ex.getCause();
						}
					});
		}

		int mostHeld() {
			return this.mostHeld.get();
		}

		int opened() {
			return this.opened.get();
		}

	}

}
