package io.sessionengines.demo.reactive;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

import io.sessionengines.demo.AbstractOperationsController;
import io.sessionengines.demo.OperationsRequest;
import io.sessionengines.session.Session;
import io.sessionengines.web.reactive.ExchangeEngineCalls;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.ObjectMapper;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code POST /api/ops[?status=NNN]}: runs a list of operations, in order, on the
 * exchange's session, and answers their results as a JSON array, with the requested
 * status. The checks and the error responses are {@link AbstractOperationsController}'s.
 * <p>
 * The session's data is read before the operations run, so most of them only work in
 * memory; a list with a flush, a cycle (both write to the store) or a sleep runs on
 * Reactor's scheduler for blocking work, never on an event-loop thread.
 *
 * @author Session Engines contributors
 */
@RestController
class ReactiveOperationsController extends AbstractOperationsController {

	/**
	 * The largest body read: WebFlux's default limit for a body read in memory.
	 */
	private static final int MAX_BODY_SIZE = 256 * 1024;

	ReactiveOperationsController(ObjectMapper mapper) {
		super(mapper);
	}

	@PostMapping("/api/ops")
	Mono<ResponseEntity<List<@Nullable Object>>> run(
			@RequestParam(name = "status", required = false) @Nullable String status,
			@RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType,
			ServerWebExchange exchange, Session session) {
		return body(exchange.getRequest()).map((body) -> read(status, contentType, body))
			.flatMap((operations) -> run(operations, session, exchange));
	}

	private Mono<ResponseEntity<List<@Nullable Object>>> run(OperationsRequest operations, Session session,
			ServerWebExchange exchange) {
		Callable<List<@Nullable Object>> apply = () -> operations.applyTo(session);
		Mono<List<@Nullable Object>> results = operations.mayBlock()
				? new ExchangeEngineCalls(Schedulers.boundedElastic(), exchange.getResponse()).call(apply)
				: Mono.fromCallable(apply);
		return results.map((values) -> ResponseEntity.status(operations.getStatus()).body(values));
	}

	/**
	 * Read the body as it came, whatever its type, so that a body that is not JSON gets
	 * the demo's own answer, as in the servlet demo: WebFlux turns a form body down
	 * before a controller could read it as a {@code String}. No body reads as an empty
	 * one, which is no JSON array either. A body larger than WebFlux's own limit for a
	 * body read in memory answers {@code 413} before it is all read.
	 */
	private static Mono<String> body(ServerHttpRequest request) {
		return DataBufferUtils.join(request.getBody(), MAX_BODY_SIZE)
			.onErrorMap(DataBufferLimitException.class,
					(ex) -> new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
							"The operations list is larger than " + MAX_BODY_SIZE + " bytes"))
			.map((buffer) -> {
				try {
					return buffer.toString(StandardCharsets.UTF_8);
				}
				finally {
					DataBufferUtils.release(buffer);
				}
			})
			.defaultIfEmpty("");
	}

}
