package io.sessionengines.demo.reactive;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingMethod;

/**
 * BlockHound, installed once per JVM, recording every blocking call it sees on a
 * non-blocking thread (an event loop of Reactor Netty, a parallel scheduler's thread)
 * instead of failing it: a failed call would only break the request it came from, and
 * could be answered as a server error that a test does not tell from another one. Tests
 * assert afterwards that nothing was recorded.
 *
 * @author Session Engines contributors
 */
final class BlockingCalls {

	private static final int STACK_DEPTH = 25;

	private static final Queue<String> recorded = new ConcurrentLinkedQueue<>();

	private static boolean installed;

	private BlockingCalls() {
	}

	static synchronized void install() {
		if (!installed) {
			// the integrations of Reactor, Netty and Spring say which threads are
			// non-blocking. Spring Security masks each CSRF token with bytes of a
			// SecureRandom on the thread that renders the token, an event loop whatever
			// the session store, where NativePRNG reads /dev/urandom whenever its buffer
			// has expired. Netty's pooling allocator briefly takes a lock when it adds
			// buffer magazines, as when Lettuce registers the connections to the nodes
			// of a Redis Cluster at once. Taking a database connection counts as
			// blocking,
			// since a query on an in-memory database blocks on nothing BlockHound knows
			BlockHound.builder()
				.loadIntegrations()
				.markAsBlocking("com.zaxxer.hikari.HikariDataSource", "getConnection", "()Ljava/sql/Connection;")
				.allowBlockingCallsInside(
						"org.springframework.security.web.server.csrf.XorServerCsrfTokenRequestAttributeHandler",
						"createXoredCsrfToken")
				.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup",
						"tryExpandMagazines")
				.blockingMethodCallback(BlockingCalls::record)
				.install();
			installed = true;
		}
	}

	/**
	 * Return the blocking calls recorded since the last call, and forget them.
	 * @return each call, with its thread and the top of its stack
	 */
	static List<String> drain() {
		List<String> calls = new ArrayList<>();
		for (String call = recorded.poll(); call != null; call = recorded.poll()) {
			calls.add(call);
		}
		return calls;
	}

	private static void record(BlockingMethod method) {
		String stack = Arrays.stream(new Throwable().getStackTrace())
			.skip(1)
			.limit(STACK_DEPTH)
			.map((frame) -> "\tat " + frame)
			.collect(Collectors.joining("\n"));
		recorded.add(method + " on " + Thread.currentThread().getName() + "\n" + stack);
	}

}
