package io.sessionengines.django;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.sessionengines.testsupport.TestBackends;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Integration tests for the Django accounts on a real database whose tables Django 3.2's
 * own {@code migrate} made, with users that Django created and whose passwords it hashed:
 * the service reads them and the encoder checks their passwords as Django does. Each
 * class works in a database of its own, created and dropped here.
 *
 * @author Session Engines contributors
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractDjangoAuthIntegrationTests {

	private static final Pattern JDBC_DATABASE = Pattern.compile("^(jdbc:[a-z]+://[^/?]+/)([^?]*)(.*)$");

	private static final String SECRET_KEY = "django-auth-integration-tests-secret";

	private final String database = TestBackends.uniqueName("session_django_auth_it");

	private final DjangoPasswordEncoder encoder = new DjangoPasswordEncoder(1000);

	private DataSource admin;

	private DjangoFixture fixture;

	private List<JsonNode> djangoUsers;

	private DjangoUserDetailsService service;

	/**
	 * Return the shared test database, on which databases are created and dropped.
	 * @return the database, or skip the test when it is unreachable
	 */
	abstract DataSource adminDatabase();

	/**
	 * Return the JDBC URL of the shared test database.
	 * @return the URL, with the credentials as parameters
	 */
	abstract String adminUrl();

	/**
	 * Return Django's name of the database engine.
	 * @return {@code postgresql} or {@code mysql}
	 */
	abstract String djangoEngine();

	/**
	 * Return whether Django's tables compare usernames ignoring case, as MySQL and
	 * MariaDB collations do.
	 * @return whether {@code ALICE} finds {@code alice}
	 */
	abstract boolean usernamesIgnoreCase();

	/**
	 * Return the statement that creates a database.
	 * @param name the database
	 * @return the statement
	 */
	abstract String createDatabase(String name);

	/**
	 * Return the statement that drops a database.
	 * @param name the database
	 * @return the statement
	 */
	abstract String dropDatabase(String name);

	@BeforeEach
	void djangoMadeTheTablesAndUsers() {
		DjangoFixture.assumePython();
		if (this.djangoUsers != null) {
			return;
		}
		DataSource adminDatabase = adminDatabase();
		Matcher url = JDBC_DATABASE.matcher(adminUrl());
		assertThat(url.matches()).as(adminUrl()).isTrue();
		String databaseUrl = url.group(1) + this.database + url.group(3);
		new JdbcTemplate(adminDatabase).execute(createDatabase(this.database));
		this.admin = adminDatabase;
		this.fixture = new DjangoFixture(djangoEngine(), databaseUrl, SECRET_KEY);
		this.djangoUsers = this.fixture.setUp();
		this.service = new DjangoUserDetailsService(new DriverManagerDataSource(databaseUrl));
	}

	@AfterAll
	void dropTheDatabase() {
		if (this.admin != null) {
			new JdbcTemplate(this.admin).execute(dropDatabase(this.database));
		}
	}

	@Test
	void djangoCreatedEveryKindOfUser() {
		assertThat(this.djangoUsers).extracting((user) -> user.get("hash").asString().split("\\$")[0])
			.contains("pbkdf2_sha256", "pbkdf2_sha1", "argon2", "bcrypt_sha256", "bcrypt");
		assertThat(this.djangoUsers).anyMatch((user) -> !user.get("is_active").asBoolean())
			.anyMatch((user) -> user.get("is_superuser").asBoolean())
			.anyMatch((user) -> user.get("hash").asString().startsWith("!"));
	}

	@Test
	void loadUserByUsernameReadsWhatDjangoWrote() {
		for (JsonNode django : this.djangoUsers) {
			DjangoUser user = this.service.loadUserByUsername(django.get("username").asString());
			assertThat(user.getId()).isEqualTo(django.get("id").asString());
			assertThat(user.getUsername()).isEqualTo(django.get("username").asString());
			assertThat(user.getPassword()).isEqualTo(django.get("hash").asString());
			assertThat(user.isEnabled()).isEqualTo(django.get("is_active").asBoolean());
			assertThat(user.getAuthorities()).extracting("authority")
				.containsExactlyInAnyOrderElementsOf(expectedAuthorities(django));
		}
	}

	@Test
	void findByIdReadsTheUserOfDjangosSessionKey() {
		for (JsonNode django : this.djangoUsers) {
			DjangoUser user = this.service.findById(django.get("id").asString());
			assertThat(user).isNotNull();
			assertThat(user.getUsername()).isEqualTo(django.get("username").asString());
			assertThat(user.getPasswordHash()).isEqualTo(django.get("hash").asString());
			assertThat(user.getAuthorities()).extracting("authority")
				.containsExactlyInAnyOrderElementsOf(expectedAuthorities(django));
		}
		assertThat(this.service.findById("999999")).isNull();
	}

	@Test
	void usernamesMatchAsDjangoMatchesThem() {
		assertThat(this.djangoUsers)
			.allMatch((user) -> user.get("finds_uppercase_username").asBoolean() == usernamesIgnoreCase());
		for (JsonNode django : this.djangoUsers) {
			String upper = django.get("username").asString().toUpperCase();
			if (django.get("finds_uppercase_username").asBoolean()) {
				assertThat(this.service.loadUserByUsername(upper).getId()).isEqualTo(django.get("id").asString());
			}
			else {
				assertThatExceptionOfType(UsernameNotFoundException.class)
					.isThrownBy(() -> this.service.loadUserByUsername(upper));
			}
		}
	}

	@Test
	void encoderAcceptsThePasswordsDjangoAccepts() {
		for (JsonNode django : this.djangoUsers) {
			String hash = this.service.loadUserByUsername(django.get("username").asString()).getPassword();
			String password = django.get("password").isNull() ? "" : django.get("password").asString();
			assertThat(this.encoder.matches(password, hash)).as(django.get("username").asString())
				.isEqualTo(django.get("accepts_password").asBoolean());
			assertThat(this.encoder.matches(password + "x", hash)).as(django.get("username").asString())
				.isEqualTo(django.get("accepts_wrong_password").asBoolean());
		}
	}

	@Test
	void sessionAuthHashIsDjangos() {
		DjangoSessionAuthHash sessionAuthHash = new DjangoSessionAuthHash(SECRET_KEY);
		for (JsonNode django : this.djangoUsers) {
			DjangoUser user = this.service.findById(django.get("id").asString());
			assertThat(sessionAuthHash.hash(user.getPasswordHash()))
				.isEqualTo(django.get("session_auth_hash").asString());
			assertThat(sessionAuthHash.verify(django.get("session_auth_hash").asString(), user.getPasswordHash()))
				.isEqualTo(DjangoSessionAuthHash.Verification.CURRENT_KEY);
		}
	}

	@Test
	void djangoAcceptsTheHashesTheEncoderWrites() {
		String password = "written here ✓";
		String hash = this.encoder.encode(password);
		assertThat(this.fixture.checkPassword(password, hash)).isTrue();
		assertThat(this.fixture.checkPassword(password + "x", hash)).isFalse();
	}

	private static Set<String> expectedAuthorities(JsonNode django) {
		Set<String> authorities = new LinkedHashSet<>();
		if (django.get("is_staff").asBoolean()) {
			authorities.add("ROLE_STAFF");
		}
		if (django.get("is_superuser").asBoolean()) {
			authorities.add("ROLE_SUPERUSER");
		}
		django.get("groups").forEach((group) -> authorities.add("GROUP_" + group.asString()));
		return authorities;
	}

}
