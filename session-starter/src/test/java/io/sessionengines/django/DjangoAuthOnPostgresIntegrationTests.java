package io.sessionengines.django;

import javax.sql.DataSource;

import io.sessionengines.testsupport.TestBackends;

/**
 * Integration tests for the Django accounts on PostgreSQL.
 *
 * @author Session Engines contributors
 */
class DjangoAuthOnPostgresIntegrationTests extends AbstractDjangoAuthIntegrationTests {

	@Override
	DataSource adminDatabase() {
		return TestBackends.postgres();
	}

	@Override
	String adminUrl() {
		return setting(TestBackends.POSTGRES_URL, TestBackends.DEFAULT_POSTGRES_URL);
	}

	@Override
	String djangoEngine() {
		return "postgresql";
	}

	@Override
	boolean usernamesIgnoreCase() {
		return false;
	}

	@Override
	String createDatabase(String name) {
		return "CREATE DATABASE " + name + " ENCODING 'UTF8'";
	}

	@Override
	String dropDatabase(String name) {
		return "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)";
	}

	static String setting(String name, String defaultValue) {
		String value = System.getProperty(name);
		value = (value == null || value.isBlank()) ? System.getenv(name) : value;
		return (value == null || value.isBlank()) ? defaultValue : value;
	}

}
