package io.sessionengines.django;

import javax.sql.DataSource;

import io.sessionengines.testsupport.TestBackends;

/**
 * Integration tests for the Django accounts on MariaDB, where Django's tables compare
 * usernames case-insensitively.
 *
 * @author Session Engines contributors
 */
class DjangoAuthOnMariaDbIntegrationTests extends AbstractDjangoAuthIntegrationTests {

	@Override
	DataSource adminDatabase() {
		return TestBackends.mariadb();
	}

	@Override
	String adminUrl() {
		return DjangoAuthOnPostgresIntegrationTests.setting(TestBackends.MARIADB_URL, TestBackends.DEFAULT_MARIADB_URL);
	}

	@Override
	String djangoEngine() {
		return "mysql";
	}

	@Override
	boolean usernamesIgnoreCase() {
		return true;
	}

	@Override
	String createDatabase(String name) {
		return "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci";
	}

	@Override
	String dropDatabase(String name) {
		return "DROP DATABASE IF EXISTS " + name;
	}

}
