package io.sessionengines.benchmark.jmh;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.sessionengines.session.Session;
import io.sessionengines.session.SessionFactory;
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

/**
 * A session's life in one request on each engine, without the web layer: open it from its
 * key and read a value ({@code read}), also change it and save it ({@code write}), or
 * create a new one ({@code create}).
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
public class SessionBenchmarks {

	/**
	 * The engine measured, by its Django name.
	 */
	@Param({ "cache", "cached_db", "db", "file", "signed_cookies" })
	public String engine;

	private Engines.Store store;

	private SessionFactory factory;

	private String key;

	/**
	 * Start each iteration from a store that holds one session, so that {@code create}
	 * does not fill the memory.
	 * @throws IOException if the store cannot be set up
	 */
	@Setup(Level.Iteration)
	public void createSession() throws IOException {
		this.store = Engines.open(this.engine);
		this.factory = this.store.factory;
		this.key = this.store.createSession(Map.of("visits", 1, "user", "alice"));
	}

	@TearDown(Level.Iteration)
	public void dropStore() throws IOException {
		this.store.drop();
	}

	@Benchmark
	public Object read() {
		return this.factory.open(this.key).get("visits");
	}

	@Benchmark
	public String write() {
		Session session = this.factory.open(this.key);
		session.set("visits", ((Number) session.get("visits")).intValue() + 1);
		session.save();
		// a signed cookie's key is its data: the next request carries the new one
		this.key = session.getSessionKey();
		return this.key;
	}

	@Benchmark
	public String create() {
		Session session = this.factory.open(null);
		session.set("visits", 1);
		session.save();
		return session.getSessionKey();
	}

}
