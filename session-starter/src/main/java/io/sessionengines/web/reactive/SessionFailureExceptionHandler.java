package io.sessionengines.web.reactive;

import java.nio.charset.StandardCharsets;

import io.sessionengines.web.SessionResponseException;
import io.sessionengines.web.SessionUnavailableException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Answers a request that failed because of its session with that failure's status and a
 * plain-text message, never a stack trace: a store that cannot be reached {@code 503}, a
 * session deleted by another request {@code 400}, and so on
 * ({@link SessionResponseException}). A failure to commit the session makes the response
 * fail before it is sent; this handler, ordered before Spring Boot's error handler, then
 * writes the failure's response in its place, without the application's headers.
 *
 * @author Session Engines contributors
 * @since 0.4.0
 */
public class SessionFailureExceptionHandler implements WebExceptionHandler, Ordered {

	/**
	 * The default order: before Spring Boot's error handler ({@code -1}).
	 */
	public static final int DEFAULT_ORDER = -2;

	private static final Log logger = LogFactory.getLog(SessionFailureExceptionHandler.class);

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		SessionResponseException failure = SessionResponseException.find(ex);
		ServerHttpResponse response = exchange.getResponse();
		if (failure == null || response.isCommitted()) {
			return Mono.error(ex);
		}
		Throwable cause = failure.getCause();
		if (failure instanceof SessionUnavailableException && cause != null) {
			logger.error(failure.getMessage() + " " + cause.getMessage());
		}
		else {
			logger.warn(failure.getMessage());
		}
		response.getHeaders().clear();
		response.setStatusCode(HttpStatus.valueOf(failure.getStatus()));
		response.getHeaders().setContentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8));
		byte[] message = failure.getMessage().getBytes(StandardCharsets.UTF_8);
		return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(message)));
	}

	@Override
	public int getOrder() {
		return DEFAULT_ORDER;
	}

}
