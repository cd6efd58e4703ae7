package io.sessionengines.demo;

import java.util.List;

import io.sessionengines.session.Session;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/ops[?status=NNN]}: runs a list of operations, in order, on the
 * request's session, and answers their results as a JSON array, with the requested
 * status; the request's thread runs them, blocking calls included. The checks and the
 * error responses are {@link AbstractOperationsController}'s.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
@RestController
public class OperationsController extends AbstractOperationsController {

	OperationsController(ObjectMapper mapper) {
		super(mapper);
	}

	@PostMapping("/api/ops")
	ResponseEntity<List<@Nullable Object>> run(@RequestParam(name = "status", required = false) @Nullable String status,
			@RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType,
			@RequestBody(required = false) @Nullable String body, Session session) {
		OperationsRequest request = read(status, contentType, body);
		return ResponseEntity.status(request.getStatus()).body(request.applyTo(session));
	}

}
