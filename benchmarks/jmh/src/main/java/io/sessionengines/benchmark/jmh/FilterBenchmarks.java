package io.sessionengines.benchmark.jmh;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.sessionengines.web.SameSite;
import io.sessionengines.web.SessionCookie;
import io.sessionengines.web.SessionMiddleware;
import io.sessionengines.web.servlet.SessionMiddlewareFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * A request through the session filter, as the HTTP benchmark's endpoints make it, over
 * mock requests: {@code hello} never uses the session, {@code peek} reads it through
 * {@link HttpSession}, {@code visits} changes it; {@code baseline} is the same mock
 * request without the filter, to subtract.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FilterBenchmarks {

	private static final FilterChain HELLO = (request, response) -> response.getWriter().write("ok");

	private static final FilterChain PEEK = (request, response) -> {
		HttpSession session = ((HttpServletRequest) request).getSession(false);
		Object visits = (session != null) ? session.getAttribute("visits") : null;
		response.getWriter().write((visits != null) ? visits.toString() : "0");
	};

	private static final FilterChain VISITS = (request, response) -> {
		HttpSession session = ((HttpServletRequest) request).getSession();
		int visits = (session.getAttribute("visits") instanceof Number number) ? number.intValue() + 1 : 1;
		session.setAttribute("visits", visits);
		response.getWriter().write(Integer.toString(visits));
	};

	/**
	 * The engine measured, by its Django name.
	 */
	@Param({ "cache", "signed_cookies" })
	public String engine;

	private Engines.Store store;

	private SessionMiddlewareFilter filter;

	private String key;

	@Setup(Level.Iteration)
	public void createSession() throws IOException {
		this.store = Engines.open(this.engine);
		this.filter = new SessionMiddlewareFilter(new SessionMiddleware(this.store.factory,
				new SessionCookie("sessionid", null, "/", false, true, SameSite.LAX), false));
		this.key = this.store.createSession(Map.of("visits", 1));
	}

	@TearDown(Level.Iteration)
	public void dropStore() throws IOException {
		this.store.drop();
	}

	@Benchmark
	public MockHttpServletResponse baseline() throws IOException, ServletException {
		MockHttpServletResponse response = new MockHttpServletResponse();
		PEEK.doFilter(request(), response);
		return response;
	}

	@Benchmark
	public MockHttpServletResponse hello() throws IOException, ServletException {
		return perform(HELLO);
	}

	@Benchmark
	public MockHttpServletResponse peek() throws IOException, ServletException {
		return perform(PEEK);
	}

	@Benchmark
	public MockHttpServletResponse visits() throws IOException, ServletException {
		MockHttpServletResponse response = perform(VISITS);
		Cookie sent = response.getCookie("sessionid");
		if (sent != null) {
			this.key = sent.getValue();
		}
		return response;
	}

	private MockHttpServletResponse perform(FilterChain chain) throws IOException, ServletException {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request(), response, chain);
		return response;
	}

	private MockHttpServletRequest request() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/visits");
		request.setCookies(new Cookie("sessionid", this.key));
		return request;
	}

}
