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

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/ops[?status=NNN]}: runs a list of {@link SessionOperation operations},
 * in order, on the request's session, and answers their results as a JSON array, with the
 * requested status. The body must be {@code application/json}, else the answer is
 * {@code 415}; an invalid request, such as one that writes a key the framework owns,
 * answers {@code 400}; both with {@code {"error": "..."}} and without touching the
 * session. A value that would make the session larger than {@code session.max-data-size}
 * answers {@code 413}.
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
			@RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType,
			@RequestBody(required = false) @Nullable String body, Session session) {
		requireJson(contentType);
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

	@ExceptionHandler
	ResponseEntity<Map<String, String>> notJson(NotJsonBodyException ex) {
		return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("error", ex.getMessage()));
	}

	/**
	 * Only a JSON body is accepted: a browser sends one cross-site only after a CORS
	 * preflight, whereas a {@code text/plain} or form post needs none, so the session
	 * would otherwise rely on {@code SameSite} alone against cross-site posts.
	 */
	private static void requireJson(@Nullable String contentType) {
		MediaType type = null;
		try {
			type = (contentType != null) ? MediaType.parseMediaType(contentType) : null;
		}
		catch (InvalidMediaTypeException ex) {
			// answered as not JSON below
		}
		boolean json = type != null && "application".equals(type.getType())
				&& ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"));
		if (!json) {
			throw new NotJsonBodyException(
					"The body must be a JSON array of operations sent as " + "Content-Type: application/json, not "
							+ ((contentType != null) ? contentType : "no Content-Type"));
		}
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
