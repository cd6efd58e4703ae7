package io.sessionengines.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * A plain HTTP client for the demo API. It never handles cookies by itself: each request
 * carries exactly the {@code Cookie} header a test gives it.
 * <p>
 * Every reply is checked for a trace of the servlet container's own session
 * ({@link Reply#assertNoServletSession()}): there must be none, whatever the request.
 *
 * @author Session Engines contributors
 */
public final class DemoHttp {

	public static final String COOKIE_NAME = "sessionid";

	private static final HttpClient client = newClient();

	/**
	 * The client of the Actuator's endpoints, whose connections serve nothing else:
	 * Reactor Netty (Spring Boot 4.1.1) now and then leaves an Actuator request unread on
	 * a kept-alive connection that served other requests, with or without this starter,
	 * while a connection that only serves the Actuator is answered every time.
	 */
	private static final HttpClient actuatorClient = newClient();

	private final String baseUrl;

	public DemoHttp(int port) {
		this.baseUrl = "http://localhost:" + port;
	}

	/**
	 * Send a {@code GET}.
	 * @param path the path and query
	 * @param sessionCookie the session cookie's value to send, or {@code null} for none
	 * @return the reply
	 */
	public Reply get(String path, @Nullable String sessionCookie) {
		return send(request(path, cookieHeader(sessionCookie)).GET());
	}

	/**
	 * Send a {@code GET} with a raw {@code Cookie} header.
	 * @param path the path and query
	 * @param cookieHeader the whole {@code Cookie} header
	 * @return the reply
	 */
	public Reply getWithCookieHeader(String path, String cookieHeader) {
		return send(request(path, cookieHeader).GET());
	}

	/**
	 * Send a {@code POST} with a JSON body.
	 * @param path the path and query
	 * @param json the body
	 * @param sessionCookie the session cookie's value to send, or {@code null} for none
	 * @return the reply
	 */
	public Reply post(String path, String json, @Nullable String sessionCookie) {
		return send(postRequest(path, json, sessionCookie));
	}

	/**
	 * Send a {@code POST} with a body of the given type.
	 * @param path the path and query
	 * @param body the body
	 * @param contentType the {@code Content-Type} header, or {@code null} for none
	 * @param sessionCookie the session cookie's value to send, or {@code null} for none
	 * @return the reply
	 */
	public Reply postAs(String path, String body, @Nullable String contentType, @Nullable String sessionCookie) {
		HttpRequest.Builder request = request(path, cookieHeader(sessionCookie));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		return send(request.POST(BodyPublishers.ofString(body)));
	}

	/**
	 * Send a {@code POST} with a JSON body without waiting for the reply.
	 * @param path the path and query
	 * @param json the body
	 * @param sessionCookie the session cookie's value to send, or {@code null} for none
	 * @return the reply to come
	 */
	public CompletableFuture<Reply> postAsync(String path, String json, @Nullable String sessionCookie) {
		return client.sendAsync(postRequest(path, json, sessionCookie).build(), BodyHandlers.ofString())
			.thenApply(Reply::new)
			.thenApply(Reply::assertNoServletSession);
	}

	/**
	 * Send a {@code POST} with a form body, as a browser submits an HTML form.
	 * @param path the path and query
	 * @param form the body, {@code application/x-www-form-urlencoded}; see
	 * {@link #form(String...)}
	 * @param sessionCookie the session cookie's value to send, or {@code null} for none
	 * @return the reply
	 */
	public Reply postForm(String path, String form, @Nullable String sessionCookie) {
		return send(formRequest(path, form, sessionCookie));
	}

	/**
	 * Send a {@code POST} with a form body without waiting for the reply, as browsers
	 * that submit a form at the same time do.
	 * @param path the path and query
	 * @param form the body, {@code application/x-www-form-urlencoded}
	 * @param sessionCookie the session cookie's value to send, or {@code null} for none
	 * @return the reply, when it comes
	 */
	public CompletableFuture<Reply> postFormAsync(String path, String form, @Nullable String sessionCookie) {
		return client.sendAsync(formRequest(path, form, sessionCookie).build(), BodyHandlers.ofString())
			.thenApply(Reply::new)
			.thenApply(Reply::assertNoServletSession);
	}

	private HttpRequest.Builder formRequest(String path, String form, @Nullable String sessionCookie) {
		return request(path, cookieHeader(sessionCookie)).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString(form));
	}

	/**
	 * Send a {@code DELETE}.
	 * @param path the path and query
	 * @param sessionCookie the session cookie's value to send, or {@code null} for none
	 * @return the reply
	 */
	public Reply delete(String path, @Nullable String sessionCookie) {
		return send(request(path, cookieHeader(sessionCookie)).DELETE());
	}

	/**
	 * Encode form fields.
	 * @param namesAndValues names and values, alternately
	 * @return the {@code application/x-www-form-urlencoded} body
	 */
	public static String form(String... namesAndValues) {
		List<String> fields = new ArrayList<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			fields.add(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
		}
		return String.join("&", fields);
	}

	private HttpRequest.Builder postRequest(String path, String json, @Nullable String sessionCookie) {
		return request(path, cookieHeader(sessionCookie)).header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(json));
	}

	private HttpRequest.Builder request(String path, @Nullable String cookieHeader) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(30));
		if (cookieHeader != null) {
			builder.header("Cookie", cookieHeader);
		}
		return builder;
	}

	private static @Nullable String cookieHeader(@Nullable String sessionCookie) {
		return (sessionCookie != null) ? COOKIE_NAME + "=" + sessionCookie : null;
	}

	private static HttpClient newClient() {
		return HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
	}

	private static Reply send(HttpRequest.Builder builder) {
		HttpRequest request = builder.build();
		HttpClient sender = request.uri().getPath().startsWith("/actuator/") ? actuatorClient : client;
		try {
			return new Reply(sender.send(request, BodyHandlers.ofString())).assertNoServletSession();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
