package io.sessionengines.web.reactive;

import java.util.concurrent.Callable;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.http.server.reactive.ServerHttpResponse;

/**
 * Runs an exchange's blocking engine calls: each call runs on the blocking scheduler, and
 * the exchange then resumes on its connection's event loop ({@link ExchangeEventLoop}),
 * wherever the call was made from (reading, committing, moving or flushing the session).
 *
 * @author Session Engines contributors
 */
final class ExchangeEngineCalls {

	private final Scheduler scheduler;

	private final ServerHttpResponse response;

	ExchangeEngineCalls(Scheduler scheduler, ServerHttpResponse response) {
		this.scheduler = scheduler;
		this.response = response;
	}

	/**
	 * Return a call that runs on the blocking scheduler and resumes on the event loop.
	 * @param <T> the call's result
	 * @param call the engine call
	 * @return the call
	 */
	<T> Mono<T> call(Callable<T> call) {
		Mono<T> offLoop = Mono.fromCallable(call).subscribeOn(this.scheduler);
		Scheduler loop = ExchangeEventLoop.of(this.response);
		return (loop != null) ? offLoop.publishOn(loop) : offLoop;
	}

	/**
	 * Return a call without a result that runs on the blocking scheduler and resumes on
	 * the event loop.
	 * @param call the engine call
	 * @return the call
	 */
	Mono<Void> run(Runnable call) {
		return call(() -> {
			call.run();
			return true;
		}).then();
	}

}
