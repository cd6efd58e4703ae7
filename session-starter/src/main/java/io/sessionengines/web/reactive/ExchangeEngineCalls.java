package io.sessionengines.web.reactive;

import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.Assert;

/**
 * Runs an exchange's blocking calls to the session store or the registry: each call runs
 * on the blocking scheduler, and the exchange then resumes on its connection's event
 * loop, wherever the call was made from (reading, committing, moving or flushing the
 * session, or the application's own {@code Session.flush()} or {@code UserSessions}
 * calls). Reactor Netty may never send a response whose writing resumed on another thread
 * after a failure; on a server other than Reactor Netty, or on spring-test's mock server,
 * the exchange resumes where the call ended.
 *
 * <pre class="code">
 * ExchangeEngineCalls calls = new ExchangeEngineCalls(Schedulers.boundedElastic(), exchange.getResponse());
 * return calls.run(session::flush).thenReturn("logged out");
 * </pre>
 *
 * @author Session Engines contributors
 * @since 0.4.0
 */
public final class ExchangeEngineCalls {

	private final Scheduler scheduler;

	private final ServerHttpResponse response;

	/**
	 * Create the calls of an exchange.
	 * @param scheduler the scheduler that the blocking calls run on
	 * @param response the exchange's response
	 */
	public ExchangeEngineCalls(Scheduler scheduler, ServerHttpResponse response) {
		Assert.notNull(scheduler, "'scheduler' must not be null");
		Assert.notNull(response, "'response' must not be null");
		this.scheduler = scheduler;
		this.response = response;
	}

	/**
	 * Return a call that runs on the blocking scheduler and resumes on the event loop.
	 * @param <T> the call's result
	 * @param call the blocking call; a {@code null} result completes the call empty
	 * @return the call
	 */
	public <T> Mono<T> call(Callable<? extends @Nullable T> call) {
		Mono<T> offLoop = Mono.<T>fromCallable(call).subscribeOn(this.scheduler);
		Scheduler loop = ExchangeEventLoop.of(this.response);
		return (loop != null) ? offLoop.publishOn(loop) : offLoop;
	}

	/**
	 * Return a call without a result that runs on the blocking scheduler and resumes on
	 * the event loop.
	 * @param call the blocking call
	 * @return the call
	 */
	public Mono<Void> run(Runnable call) {
		return call(() -> {
			call.run();
			return true;
		}).then();
	}

}
