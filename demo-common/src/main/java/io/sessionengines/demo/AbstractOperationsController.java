package io.sessionengines.demo;

import java.util.Map;

import io.sessionengines.engine.SessionDataTooLargeException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * The part of {@code POST /api/ops[?status=NNN]} that no web stack owns: reading the
 * request ({@link OperationsRequest}) and answering its failures, which Spring MVC and
 * Spring WebFlux both find on a controller's superclass. Each demo's controller extends
 * it and runs the operations where its stack allows them to block.
 * <p>
 * The body must be {@code application/json}, else the answer is {@code 415}; an invalid
 * request, such as one that writes a key the framework owns, answers {@code 400}; both
 * with {@code {"error": "..."}} and without touching the session. A value that would make
 * the session larger than {@code session.max-data-size} answers {@code 413}.
 *
 * @author Session Engines contributors
 * @since 0.4.0
 */
public abstract class AbstractOperationsController {

	private final ObjectMapper mapper;

	/**
	 * Create a new controller.
	 * @param mapper the mapper that reads the operations and turns JSON values into
	 * session values
	 */
	protected AbstractOperationsController(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * Read and check a request, before any operation runs.
	 * @param status the {@code status} query parameter, or {@code null}
	 * @param contentType the {@code Content-Type} header, or {@code null}
	 * @param body the body, or {@code null} when there is none
	 * @return the request
	 */
	protected final OperationsRequest read(@Nullable String status, @Nullable String contentType,
			@Nullable String body) {
		return OperationsRequest.read(status, contentType, body, this.mapper);
	}

	@ExceptionHandler
	ResponseEntity<Map<String, String>> invalidOperation(InvalidOperationException ex) {
		return ResponseEntity.badRequest().body(Map.of("error", ex.getMessage()));
	}

	@ExceptionHandler
	ResponseEntity<Map<String, String>> sessionTooLarge(SessionDataTooLargeException ex) {
		return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(Map.of("error", ex.getMessage()));
	}

	@ExceptionHandler
	ResponseEntity<Map<String, String>> notJson(NotJsonBodyException ex) {
		return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("error", ex.getMessage()));
	}

}
