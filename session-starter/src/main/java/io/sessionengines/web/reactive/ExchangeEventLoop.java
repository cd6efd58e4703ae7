package io.sessionengines.web.reactive;

import java.util.concurrent.atomic.AtomicReference;

import io.netty.channel.EventLoop;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.NettyOutbound;

import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.util.ClassUtils;

/**
 * The event loop of a Reactor Netty exchange's connection, on which the exchange's work
 * resumes after an engine call on the blocking scheduler: Reactor Netty may never send a
 * response whose writing resumed on another thread after a failure (seen as a request
 * that never completes, after an error page or a failed save).
 *
 * @author Session Engines contributors
 */
final class ExchangeEventLoop {

	private static final boolean REACTOR_NETTY_PRESENT = ClassUtils.isPresent("reactor.netty.NettyOutbound",
			ExchangeEventLoop.class.getClassLoader());

	private ExchangeEventLoop() {
	}

	/**
	 * Return a scheduler for the event loop of the exchange's connection.
	 * @param response the exchange's response
	 * @return the scheduler, or {@code null} when the server is not Reactor Netty
	 */
	static @Nullable Scheduler of(ServerHttpResponse response) {
		if (!REACTOR_NETTY_PRESENT) {
			return null;
		}
		Object nativeResponse;
		try {
			nativeResponse = ServerHttpResponseDecorator.getNativeResponse(response);
		}
		catch (IllegalStateException ex) {
			// spring-test's mock response, as WebTestClient bound to an application
			// uses, has no server and no event loop
			return null;
		}
		return NettyLoop.of(nativeResponse);
	}

	/**
	 * Reads Reactor Netty's types only when they are present.
	 */
	private static final class NettyLoop {

		static @Nullable Scheduler of(Object nativeResponse) {
			if (!(nativeResponse instanceof NettyOutbound outbound)) {
				return null;
			}
			AtomicReference<@Nullable EventLoop> loop = new AtomicReference<>();
			outbound.withConnection((connection) -> loop.set(connection.channel().eventLoop()));
			EventLoop eventLoop = loop.get();
			return (eventLoop != null) ? Schedulers.fromExecutor(eventLoop) : null;
		}

	}

}
