package io.sessionengines.autoconfigure;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import io.sessionengines.autoconfigure.SessionEngineProperties.SchemaInitialization;
import io.sessionengines.engine.db.JdbcSessionEngine;
import io.sessionengines.engine.db.SchemaScript;
import io.sessionengines.registry.SessionRegistryStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.AbstractDataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.support.JdbcUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the tables of the {@code db} engine and of the JDBC session registry at
 * start-up: {@code session.db.initialize-schema} on H2, and the check that fails start-up
 * when the tables are missing.
 *
 * @author Session Engines contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class SessionSchemaInitializationTests {

	private static final List<String> REGISTRY_TABLES = List.of("session_registry", "session_registry_principal",
			"session_registry_revocation");

	private final String url = "jdbc:h2:mem:schema-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(SessionEngineAutoConfiguration.class, DataSourceAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=" + this.url,
				"session.secret-key=k3y-0f-f0rty-tw0-ch4racters-f0r-th3-t3sts");

	@Test
	void embeddedCreatesTheTablesOnAnEmbeddedDatabase() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(tables()).contains("django_session").containsAll(REGISTRY_TABLES);
			assertThat(indexes("django_session")).contains("DJANGO_SESSION_EXPIRE_DATE_A5C62663");
		});
	}

	@Test
	void alwaysCreatesTheTables() {
		this.contextRunner.withPropertyValues("session.db.initialize-schema=always").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(tables()).contains("django_session").containsAll(REGISTRY_TABLES);
		});
	}

	@Test
	void alwaysOnTablesThatExistKeepsWhatTheyHold() {
		this.contextRunner.withPropertyValues("session.db.initialize-schema=always").run((first) -> {
			assertThat(first).hasNotFailed();
			jdbc().update("INSERT INTO django_session VALUES ('k', 'data', CURRENT_TIMESTAMP)");
			jdbc().update("INSERT INTO session_registry_principal VALUES ('alice', 7)");
			this.contextRunner.withPropertyValues("session.db.initialize-schema=always").run((second) -> {
				assertThat(second).hasNotFailed();
				assertThat(jdbc().queryForObject("SELECT session_data FROM django_session", String.class))
					.isEqualTo("data");
				assertThat(jdbc().queryForObject("SELECT version FROM session_registry_principal", Long.class))
					.isEqualTo(7);
			});
		});
	}

	@Test
	void neverFailsStartUpWhenTheSessionTableIsMissingNamingTheScript() {
		this.contextRunner.withPropertyValues("session.db.initialize-schema=never").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(tables()).doesNotContain("django_session");
			FailureAnalysis analysis = new SessionConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("no session table 'django_session'")
				.contains("session.db.initialize-schema=never creates no tables");
			assertThat(analysis.getAction()).contains("session.db.initialize-schema=always")
				.contains("classpath:io/sessionengines/engine/db/schema-h2.sql");
		});
	}

	@Test
	void neverFailsStartUpWhenTheRegistryTablesAreMissing() {
		SchemaScript.sessionTable("django_session").createIfMissing(database());
		this.contextRunner.withPropertyValues("session.db.initialize-schema=never").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new SessionConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("session registry's tables [session_registry,");
			assertThat(analysis.getAction()).contains("classpath:io/sessionengines/registry/schema-registry-h2.sql");
		});
	}

	@Test
	void neverStartsOnTablesCreatedBeforehand() {
		SchemaScript.sessionTable("django_session").createIfMissing(database());
		SchemaScript.registryTables("session_registry").createIfMissing(database());
		this.contextRunner.withPropertyValues("session.db.initialize-schema=never")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(JdbcSessionEngine.class));
	}

	@Test
	void neverNeedsNoRegistryTablesWhenTheRegistryIsElsewhere() {
		SchemaScript.sessionTable("django_session").createIfMissing(database());
		this.contextRunner.withPropertyValues("session.db.initialize-schema=never", "session.registry.store=memory")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(tables()).doesNotContainAnyElementsOf(REGISTRY_TABLES);
			});
	}

	@Test
	void createsACustomTableWithTheIndexNamesDjangoGivesIt() {
		this.contextRunner.withPropertyValues("session.db.table=app_sessions").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(tables()).contains("app_sessions").doesNotContain("django_session");
			// python/django-index-names.txt: app_sessions expire_date
			assertThat(indexes("app_sessions")).contains("APP_SESSIONS_EXPIRE_DATE_E50349C2");
		});
	}

	@Test
	void createsTheCachedDbEnginesTable() {
		this.contextRunner.withPropertyValues("session.engine=cached_db").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(tables()).contains("django_session").containsAll(REGISTRY_TABLES);
		});
	}

	@Test
	void createsTheRegistryTablesOfTheJdbcStoreOfAnotherEngine() {
		this.contextRunner.withPropertyValues("session.engine=signed_cookies", "session.registry.store=jdbc")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(tables()).containsAll(REGISTRY_TABLES).doesNotContain("django_session");
			});
	}

	@Test
	void theEngineAndTheRegistryStoreAreCreatedAfterTheTables() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBeanFactory().getBeanDefinition("jdbcSessionEngine").getDependsOn())
				.contains("sessionTableSchemaInitializer");
			String store = context.getBeanNamesForType(SessionRegistryStore.class)[0];
			assertThat(context.getBeanFactory().getBeanDefinition(store).getDependsOn())
				.contains("sessionRegistrySchemaInitializer");
		});
	}

	@Test
	void aDatabaseThatCannotBeReachedIsReportedWithAWarning(CapturedOutput output) throws Exception {
		for (SchemaInitialization mode : SchemaInitialization.values()) {
			SessionSchemaInitializer initializer = new SessionSchemaInitializer(new UnreachableDataSource(),
					SchemaScript.sessionTable("django_session"), SchemaScript.SESSION_TABLE_LOCATION, mode,
					"session table 'django_session'");
			initializer.afterPropertiesSet();
		}
		assertThat(output)
			.contains("Unable to create the session table 'django_session' at start-up, "
					+ "the database cannot be reached: Unable to read which database the session tables live in")
			.contains("Unable to check for the session table 'django_session' at start-up, "
					+ "the database cannot be reached");
	}

	@Test
	void startsWhileTheDatabaseIsDownWithAWarning(CapturedOutput output) {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(SessionEngineAutoConfiguration.class))
			.withBean(DataSource.class, UnreachableDataSource::new)
			.withPropertyValues("session.secret-key=k3y-0f-f0rty-tw0-ch4racters-f0r-th3-t3sts")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(JdbcSessionEngine.class);
				assertThat(output).contains("Unable to check for the session table 'django_session' at start-up")
					.contains("Unable to check for the session registry's tables");
			});
	}

	private DataSource database() {
		return new SimpleDriverDataSource(new org.h2.Driver(), this.url, "sa", "");
	}

	private JdbcTemplate jdbc() {
		return new JdbcTemplate(database());
	}

	private List<String> tables() throws Exception {
		return JdbcUtils.extractDatabaseMetaData(database(), (metaData) -> {
			List<String> tables = new ArrayList<>();
			try (ResultSet rows = metaData.getTables(null, "PUBLIC", "%", new String[] { "TABLE" })) {
				while (rows.next()) {
					tables.add(rows.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
				}
			}
			return tables;
		});
	}

	private List<String> indexes(String table) throws Exception {
		return JdbcUtils.extractDatabaseMetaData(database(), (metaData) -> {
			List<String> indexes = new ArrayList<>();
			try (ResultSet rows = metaData.getIndexInfo(null, "PUBLIC", table.toUpperCase(Locale.ROOT), false, false)) {
				while (rows.next()) {
					indexes.add(rows.getString("INDEX_NAME"));
				}
			}
			return indexes;
		});
	}

	/**
	 * A database whose server is down.
	 */
	static final class UnreachableDataSource extends AbstractDataSource {

		@Override
		public java.sql.Connection getConnection() throws SQLException {
			throw new SQLException("Connection refused", "08001");
		}

		@Override
		public java.sql.Connection getConnection(String username, String password) throws SQLException {
			return getConnection();
		}

	}

}
