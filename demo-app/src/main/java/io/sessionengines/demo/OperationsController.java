package io.sessionengines.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.sessionengines.engine.SessionDataTooLargeException;
import io.sessionengines.session.Session;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/ops[?status=NNN]}: runs a list of {@link SessionOperation operations},
 * in order, on the request's session, and answers their results as a JSON array, with the
 * requested status. An invalid request, such as one that writes a key the framework owns,
 * answers {@code 400} {@code {"error": "..."}} without touching the session; a value that
 * would make the session larger than {@code session.max-data-size} answers {@code 413}.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
@RestController
public class OperationsController {

	private final ObjectMapper mapper;

	OperationsController(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	@PostMapping("/api/ops")
	ResponseEntity<List<@Nullable Object>> run(@RequestParam(name = "status", required = false) @Nullable String status,
			@RequestBody(required = false) @Nullable String body, Session session) {
		HttpStatusCode responseStatus = responseStatus(status);
		List<SessionOperation> operations = SessionOperation.parseAll(readTree(body), this.mapper);
		List<@Nullable Object> results = new ArrayList<>();
		for (SessionOperation operation : operations) {
			results.add(operation.applyTo(session));
		}
		return ResponseEntity.status(responseStatus).body(results);
	}

	@ExceptionHandler
	ResponseEntity<Map<String, String>> invalidOperation(InvalidOperationException ex) {
		return ResponseEntity.badRequest().body(Map.of("error", ex.getMessage()));
	}

	@ExceptionHandler
	ResponseEntity<Map<String, String>> sessionTooLarge(SessionDataTooLargeException ex) {
		return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(Map.of("error", ex.getMessage()));
	}

	private JsonNode readTree(@Nullable String body) {
		if (body == null) {
			throw new InvalidOperationException("The body must be a JSON array of operations");
		}
		try {
			return this.mapper.readTree(body);
		}
		catch (JacksonException ex) {
			throw new InvalidOperationException(
					"The body is not valid JSON (send a JSON array as application/json): " + ex.getOriginalMessage());
		}
	}

	private static HttpStatusCode responseStatus(@Nullable String status) {
		if (status == null) {
			return HttpStatusCode.valueOf(200);
		}
		int code;
		try {
			code = Integer.parseInt(status);
		}
		catch (NumberFormatException ex) {
			throw new InvalidOperationException("'status' must be an HTTP status code, not '" + status + "'");
		}
		if (code < 200 || code > 599) {
			throw new InvalidOperationException(
					"'status' must be from 200 to 599 (a 1xx status cannot end a response), not " + code);
		}
		return HttpStatusCode.valueOf(code);
	}

}
