package io.sessionengines.benchmark.jmh;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.sessionengines.web.SameSite;
import io.sessionengines.web.SessionCookie;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The session cookie's {@code Set-Cookie} header, formatted with its attributes, as every
 * response that saves a session carries it.
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

	@Benchmark
	public String header() {
		return this.cookie.header("v2cfiueustisolf023vz6abw9leu6sx6", 1209600L, Instant.now());
	}

}
