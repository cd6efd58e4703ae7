package io.sessionengines.django;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.sessionengines.testsupport.TestBackends;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Django 3.2 ({@code /usr/bin/python3} with Debian's {@code python3-django}) running
 * {@code django_fixture.py} on a test database: it makes the auth tables with its own
 * migrations, creates users, and checks passwords.
 *
 * @author Session Engines contributors
 */
final class DjangoFixture {

	static final String PYTHON = "/usr/bin/python3";

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static final int MISSING_LIBRARY = 3;

	private final Map<String, String> environment;

	/**
	 * Create the fixture for a database.
	 * @param engine Django's database engine ({@code postgresql} or {@code mysql})
	 * @param jdbcUrl the database's JDBC URL, with the credentials as parameters
	 * @param secretKey Django's {@code SECRET_KEY}
	 */
	DjangoFixture(String engine, String jdbcUrl, String secretKey) {
		URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
		this.environment = Map.of("DJANGO_DB_ENGINE", engine, "DJANGO_DB_NAME", uri.getPath().substring(1),
				"DJANGO_DB_HOST", uri.getHost(), "DJANGO_DB_PORT", String.valueOf(uri.getPort()), "DJANGO_DB_USER",
				parameter(uri, "user"), "DJANGO_DB_PASSWORD", parameter(uri, "password"), "DJANGO_SECRET_KEY",
				secretKey);
	}

	/**
	 * Skip (or fail, when services are required) the calling test unless {@value #PYTHON}
	 * exists.
	 */
	static void assumePython() {
		if (!Files.isExecutable(Paths.get(PYTHON))) {
			TestBackends.unavailable(PYTHON + " is missing; these tests need Debian's python3 with python3-django "
					+ "(Django 3.2), python3-argon2, python3-bcrypt, python3-psycopg2 and python3-mysqldb");
		}
	}

	/**
	 * Run {@code migrate auth} and create the users.
	 * @return the users as Django sees them
	 */
	List<JsonNode> setUp() {
		return run("setup", "").lines().map(mapper::readTree).toList();
	}

	/**
	 * Ask Django whether it accepts a password for a hash.
	 * @param password the password
	 * @param encoded the hash
	 * @return Django's {@code check_password}
	 */
	boolean checkPassword(String password, String encoded) {
		return Boolean.parseBoolean(run("check", password + "\t" + encoded).trim());
	}

	private String run(String command, String input) {
		try {
			ProcessBuilder builder = new ProcessBuilder(PYTHON, script().toString(), command);
			builder.environment().putAll(this.environment);
			Path errors = Files.createTempFile("django-fixture", ".log");
			builder.redirectError(errors.toFile());
			Process process = builder.start();
			try (OutputStream in = process.getOutputStream()) {
				in.write(input.getBytes(StandardCharsets.UTF_8));
			}
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(2, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new IllegalStateException("django_fixture.py " + command + " did not finish in 2 minutes");
			}
			String stderr = Files.readString(errors);
			Files.delete(errors);
			if (process.exitValue() == MISSING_LIBRARY) {
				TestBackends.unavailable("Django cannot run for these tests: " + stderr.trim());
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException(
						"django_fixture.py " + command + " exited with " + process.exitValue() + ":\n" + stderr);
			}
			return output;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Running " + PYTHON + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while Django ran", ex);
		}
	}

	private static Path script() {
		try {
			return Paths.get(DjangoFixture.class.getResource("django_fixture.py").toURI());
		}
		catch (Exception ex) {
			throw new IllegalStateException("django_fixture.py is not beside " + DjangoFixture.class.getName(), ex);
		}
	}

	private static String parameter(URI uri, String name) {
		List<String> values = new ArrayList<>();
		String query = (uri.getQuery() != null) ? uri.getQuery() : "";
		for (String pair : query.split("&")) {
			if (pair.startsWith(name + "=")) {
				values.add(pair.substring(name.length() + 1));
			}
		}
		return values.isEmpty() ? "" : values.get(0);
	}

}
