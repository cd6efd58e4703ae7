package io.sessionengines.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code clearsessions} ({@link ClearSessionsCommand}) for the engines whose sessions
 * live in the {@code django_session} table ({@code db} and {@code cached_db}), on both
 * demos: sessions are made through the API of a running demo, then the command runs in
 * its own context against the same database, as
 * {@code java -jar <demo>.jar clearsessions} would. The test class of such an engine
 * implements this interface.
 *
 * @author Session Engines contributors
 */
public interface ClearSessionsChecks {

	/**
	 * Return the demo application whose context the command runs in.
	 * @return the application class
	 */
	Class<?> application();

	/**
	 * Return the settings the command runs with: the engine's and the database's, those
	 * of the running demo.
	 * @return the settings, as command-line arguments
	 */
	List<String> settings();

	/**
	 * Return the client of the running demo.
	 * @return the client
	 */
	DemoHttp http();

	/**
	 * Return the running demo's access to its database.
	 * @return the access to the database
	 */
	JdbcTemplate jdbc();

	@Test
	default void clearSessionsRemovesTheExpiredSessionsOnly() {
		jdbc().update("delete from django_session");
		String live = http().get("/api/visits", null).newSessionCookie();
		http().post("/api/ops", "[{\"op\":\"set\",\"key\":\"a\",\"value\":1},{\"op\":\"expiry\",\"value\":-10}]", null)
			.newSessionCookie();
		http().post("/api/ops",
				"[{\"op\":\"set\",\"key\":\"a\",\"value\":1},{\"op\":\"expiry\",\"value\":\"2001-02-03T04:05:06Z\"}]",
				null)
			.newSessionCookie();
		assertThat(rows()).isEqualTo(3);
		assertThat(clearSessions()).isEqualTo("Removed 2 expired session(s).");
		assertThat(rows()).isOne();
		assertThat(http().get("/api/peek", live).body()).isEqualTo("1");
		assertThat(clearSessions()).isEqualTo("Removed 0 expired session(s).");
	}

	private String clearSessions() {
		List<String> args = new ArrayList<>();
		args.add(ClearSessionsCommand.NAME);
		args.addAll(settings());
		return run(application(), args.toArray(String[]::new));
	}

	private int rows() {
		Integer rows = jdbc().queryForObject("select count(*) from django_session", Integer.class);
		return (rows != null) ? rows : 0;
	}

	/**
	 * Run {@code clearsessions} as a demo's jar would, asserting that it exits with 0.
	 * @param application the demo application whose context the command runs in
	 * @param args the command line, {@code clearsessions} first
	 * @return what the command printed
	 */
	static String run(Class<?> application, String... args) {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		int exitCode = ClearSessionsCommand.run(application, args,
				new PrintStream(output, true, StandardCharsets.UTF_8));
		assertThat(exitCode).isZero();
		return output.toString(StandardCharsets.UTF_8).strip();
	}

}
