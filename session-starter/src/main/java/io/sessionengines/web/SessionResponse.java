package io.sessionengines.web;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What the session middleware decided a response carries, once it has saved the session
 * if the response requires it: the headers to add, for either web stack to write.
 *
 * @param setCookie the {@code Set-Cookie} header that sets or deletes the session cookie,
 * or {@code null} to leave the cookie alone
 * @param vary the request headers to add to the response's {@code Vary} header, in order
 * @param headers other headers to set, such as the session header with the key (empty
 * when the cookie is deleted)
 * @author Session Engines contributors
 * @since 0.4.0
 */
public record SessionResponse(@Nullable String setCookie, List<String> vary, Map<String, String> headers) {

	/**
	 * A response that carries nothing of the session.
	 */
	public static final SessionResponse NONE = new SessionResponse(null, List.of(), Map.of());

}
