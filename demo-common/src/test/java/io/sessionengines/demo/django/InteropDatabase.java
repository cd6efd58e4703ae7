package io.sessionengines.demo.django;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.sessionengines.engine.db.SchemaScript;
import io.sessionengines.registry.JdbcSessionRegistryStore;
import io.sessionengines.testsupport.TestBackends;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A PostgreSQL database of one test class's own, on the server of the PostgreSQL test
 * database ({@link TestBackends#postgres()}), that the Django application and the demo
 * application share: Django's migrations make its tables ({@code django_session} and the
 * auth tables), the session registry's script the registry's. It is dropped on
 * {@link #close()}.
 *
 * @author Session Engines contributors
 */
final class InteropDatabase implements AutoCloseable {

	private final DataSource server;

	private final String name;

	private final URI location;

	private final Map<String, String> parameters;

	private InteropDatabase(DataSource server, String name) {
		this.server = server;
		this.name = name;
		if (!(server instanceof HikariDataSource pool) || pool.getJdbcUrl() == null) {
			throw new IllegalStateException("No JDBC URL in " + server);
		}
		// jdbc:postgresql://host:port/database?user=...&password=...
		this.location = URI.create(pool.getJdbcUrl().substring("jdbc:".length()));
		this.parameters = parameters(this.location.getRawQuery());
	}

	/**
	 * Create a database, or skip (or fail, when services are required) the calling test
	 * when PostgreSQL cannot be reached.
	 * @return the new database
	 */
	static InteropDatabase create() {
		DataSource server = TestBackends.postgres();
		String name = TestBackends.uniqueName("session_django_interop");
		new JdbcTemplate(server).execute("CREATE DATABASE " + name);
		return new InteropDatabase(server, name);
	}

	/**
	 * Return the JDBC URL of the database, credentials included.
	 * @return the URL for {@code spring.datasource.url}
	 */
	String jdbcUrl() {
		String query = this.location.getRawQuery();
		return "jdbc:postgresql://" + this.location.getRawAuthority() + "/" + this.name
				+ ((query != null) ? "?" + query : "");
	}

	/**
	 * Return the environment variables that point the Django project at the database.
	 * @return {@code DATABASE_NAME}, {@code DATABASE_HOST}, {@code DATABASE_PORT},
	 * {@code DATABASE_USER} and {@code DATABASE_PASSWORD}
	 */
	Map<String, String> djangoSettings() {
		int port = this.location.getPort();
		return Map.of("DATABASE_NAME", this.name, "DATABASE_HOST", this.location.getHost(), "DATABASE_PORT",
				String.valueOf((port != -1) ? port : 5432), "DATABASE_USER",
				this.parameters.getOrDefault("user", "postgres"), "DATABASE_PASSWORD",
				this.parameters.getOrDefault("password", ""));
	}

	/**
	 * Create the session registry's tables with their script, as a deployment that does
	 * not let the starter create tables runs it.
	 */
	void createRegistryTables() {
		SchemaScript.registryTables(JdbcSessionRegistryStore.DEFAULT_TABLE_PREFIX)
			.createIfMissing(new DriverManagerDataSource(jdbcUrl()));
	}

	/**
	 * Return a template on the database, for looking at what the applications stored.
	 * @return the template
	 */
	JdbcTemplate jdbc() {
		return new JdbcTemplate(new DriverManagerDataSource(jdbcUrl()));
	}

	/**
	 * Drop the database, closing the connections still open to it.
	 */
	@Override
	public void close() {
		new JdbcTemplate(this.server).execute("DROP DATABASE IF EXISTS " + this.name + " WITH (FORCE)");
	}

	private static Map<String, String> parameters(String query) {
		Map<String, String> parameters = new HashMap<>();
		if (query != null) {
			for (String parameter : query.split("&")) {
				int equals = parameter.indexOf('=');
				if (equals > 0) {
					parameters.put(parameter.substring(0, equals),
							URLDecoder.decode(parameter.substring(equals + 1), StandardCharsets.UTF_8));
				}
			}
		}
		return parameters;
	}

}
