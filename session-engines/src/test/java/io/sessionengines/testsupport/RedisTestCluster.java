package io.sessionengines.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private Redis Cluster of three masters without replicas on free loopback ports,
 * started with {@code redis-server --cluster-enabled yes} and joined with
 * {@code redis-cli --cluster create}, for tests that need a real cluster. Both programs
 * must be on the {@code PATH}; otherwise the calling test is skipped (or fails when
 * {@link TestBackends#servicesRequired() backends are required}). Close it when done,
 * also when the test fails.
 *
 * <pre class="code">
 * try (RedisTestCluster cluster = RedisTestCluster.start(temporaryDirectory)) {
 *     new RedisClusterConfiguration(cluster.nodes());
 * }
 * </pre>
 *
 * @author Session Engines contributors
 */
public final class RedisTestCluster implements AutoCloseable {

	private static final int MASTERS = 3;

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

	private final List<RedisServerProcess> servers;

	private RedisTestCluster(List<RedisServerProcess> servers) {
		this.servers = servers;
	}

	/**
	 * Start a cluster and wait until every node reports {@code cluster_state:ok}.
	 * @param directory where the nodes keep their logs and cluster configuration files
	 * @return the running cluster
	 */
	public static RedisTestCluster start(Path directory) {
		Path redisCli = RedisServerProcess.onPath("redis-cli");
		if (RedisServerProcess.onPath("redis-server") == null || redisCli == null) {
			TestBackends.unavailable("redis-server and redis-cli must be on the PATH for the Redis Cluster tests; "
					+ "install Redis, or run .ci/run, to run these tests");
		}
		List<RedisServerProcess> servers = new ArrayList<>();
		RedisTestCluster cluster = new RedisTestCluster(servers);
		try {
			for (int i = 0; i < MASTERS; i++) {
				int port = RedisServerProcess.freeClusterPort();
				servers.add(RedisServerProcess.start(port, directory, List.of("--cluster-enabled", "yes",
						"--cluster-config-file", directory.resolve("nodes-" + port + ".conf").toString())));
			}
			List<String> create = new ArrayList<>(List.of(redisCli.toString(), "--cluster", "create"));
			create.addAll(cluster.nodes());
			create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
			run(create, directory);
			cluster.awaitReady();
			return cluster;
		}
		catch (RuntimeException | Error ex) {
			cluster.close();
			throw ex;
		}
	}

	/**
	 * Return the nodes, for {@code RedisClusterConfiguration}.
	 * @return the nodes as {@code host:port}
	 */
	public List<String> nodes() {
		return this.servers.stream().map(RedisServerProcess::address).toList();
	}

	/**
	 * Return the node processes.
	 * @return the masters
	 */
	public List<RedisServerProcess> servers() {
		return List.copyOf(this.servers);
	}

	@Override
	public void close() {
		RuntimeException failure = null;
		for (RedisServerProcess server : this.servers) {
			try {
				server.close();
			}
			catch (RuntimeException ex) {
				failure = ex;
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

	private void awaitReady() {
		long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
		String state = "";
		while (System.nanoTime() < deadline) {
			state = clusterStates();
			if (!state.contains("fail") && !state.contains("?")) {
				return;
			}
			RedisServerProcess.sleep(Duration.ofMillis(100));
		}
		throw new IllegalStateException("The Redis Cluster is not ready after " + READY_TIMEOUT + ": " + state);
	}

	private String clusterStates() {
		List<String> states = new ArrayList<>();
		for (RedisServerProcess server : this.servers) {
			try {
				String info = server.command("CLUSTER", "INFO");
				states.add(info.contains("cluster_state:ok") ? "ok" : "fail");
			}
			catch (IOException ex) {
				states.add("?");
			}
		}
		return String.join(",", states);
	}

	private static void run(List<String> command, Path directory) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("cluster-create.log").toFile()))
				.start();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("redis-cli --cluster create did not finish");
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException("redis-cli --cluster create failed: " + new String(
						Files.readAllBytes(directory.resolve("cluster-create.log")), StandardCharsets.UTF_8));
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Unable to run " + command, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating the cluster", ex);
		}
	}

}
