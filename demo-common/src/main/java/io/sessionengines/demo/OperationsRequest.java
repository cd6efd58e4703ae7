package io.sessionengines.demo;

import java.util.ArrayList;
import java.util.List;

import io.sessionengines.session.Session;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * A checked {@code POST /api/ops[?status=NNN]} request: the status to answer with and the
 * {@link SessionOperation operations} to run, in order, on the request's session. Reading
 * it checks everything, so that an invalid request fails before any operation has touched
 * the session.
 *
 * @author Session Engines contributors
 * @since 0.4.0
 */
public final class OperationsRequest {

	private final HttpStatusCode status;

	private final List<SessionOperation> operations;

	private OperationsRequest(HttpStatusCode status, List<SessionOperation> operations) {
		this.status = status;
		this.operations = operations;
	}

	/**
	 * Read and check a request.
	 * @param status the {@code status} query parameter, or {@code null}
	 * @param contentType the {@code Content-Type} header, or {@code null}
	 * @param body the body, or {@code null} when there is none
	 * @param mapper the mapper that reads the body and turns JSON values into session
	 * values
	 * @return the request
	 * @throws NotJsonBodyException if the body is not declared as JSON
	 * @throws InvalidOperationException if the status, the body or one of its operations
	 * is invalid
	 */
	public static OperationsRequest read(@Nullable String status, @Nullable String contentType, @Nullable String body,
			ObjectMapper mapper) {
		requireJson(contentType);
		HttpStatusCode responseStatus = responseStatus(status);
		return new OperationsRequest(responseStatus, SessionOperation.parseAll(readTree(body, mapper), mapper));
	}

	/**
	 * Return the status to answer with.
	 * @return the status the request asked for, {@code 200} by default
	 */
	public HttpStatusCode getStatus() {
		return this.status;
	}

	/**
	 * Return whether running the operations may block: a flush or a cycle writes to the
	 * store, a sleep waits; every other operation works on the session's data in memory.
	 * @return whether to run them where blocking is allowed
	 */
	public boolean mayBlock() {
		return this.operations.stream().anyMatch(SessionOperation::mayBlock);
	}

	/**
	 * Run the operations, in order.
	 * @param session the request's session
	 * @return one result per operation: what the Django equivalent returns, {@code null}
	 * for nothing
	 */
	public List<@Nullable Object> applyTo(Session session) {
		List<@Nullable Object> results = new ArrayList<>();
		for (SessionOperation operation : this.operations) {
			results.add(operation.applyTo(session));
		}
		return results;
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

	private static JsonNode readTree(@Nullable String body, ObjectMapper mapper) {
		if (body == null) {
			throw new InvalidOperationException("The body must be a JSON array of operations");
		}
		try {
			return mapper.readTree(body);
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
