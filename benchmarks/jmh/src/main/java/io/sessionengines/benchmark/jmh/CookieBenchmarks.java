package io.sessionengines.benchmark.jmh;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.sessionengines.web.SameSite;
import io.sessionengines.web.SessionCookie;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The session cookie: finding it among a browser's cookies, and writing it with its
 * attributes and {@code Vary: Cookie}, into a response that only records its headers (a
 * mock response would parse every cookie it is given).
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CookieBenchmarks {

	private final SessionCookie cookie = new SessionCookie("sessionid", null, "/", true, true, SameSite.LAX);

	private MockHttpServletRequest request;

	@Setup
	public void request() {
		this.request = new MockHttpServletRequest();
		this.request.setCookies(new Cookie("_ga", "GA1.1.1234567890.1700000000"),
				new Cookie("csrftoken", "x".repeat(32)), new Cookie("theme", "dark"),
				new Cookie("sessionid", "v2cfiueustisolf023vz6abw9leu6sx6"),
				new Cookie("_gid", "GA1.1.987654321.1700000000"));
	}

	@Benchmark
	public String read() {
		return this.cookie.read(this.request);
	}

	@Benchmark
	public HeaderRecordingResponse write() {
		HeaderRecordingResponse response = new HeaderRecordingResponse();
		this.cookie.write(response, "v2cfiueustisolf023vz6abw9leu6sx6", 1209600L, Instant.now());
		return response;
	}

	/**
	 * A response that records the headers set on it, as a container's does, and nothing
	 * else.
	 */
	public static final class HeaderRecordingResponse extends HttpServletResponseWrapper {

		private static final HttpServletResponse NOTHING = new MockHttpServletResponse();

		private final Map<String, List<String>> headers = new HashMap<>();

		HeaderRecordingResponse() {
			super(NOTHING);
		}

		@Override
		public void addHeader(String name, String value) {
			this.headers.computeIfAbsent(name, (key) -> new ArrayList<>(1)).add(value);
		}

		@Override
		public void setHeader(String name, String value) {
			List<String> values = new ArrayList<>(1);
			values.add(value);
			this.headers.put(name, values);
		}

		@Override
		public Collection<String> getHeaders(String name) {
			return this.headers.getOrDefault(name, List.of());
		}

	}

}
