package io.sessionengines.engine.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.support.EncodedResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ScriptException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SchemaScript}: the {@code .sql} files of every platform and the names
 * they are run with. The tables the files create on each database are compared with
 * Django's migration by the engine's and the registry's tests on that database.
 *
 * @author Session Engines contributors
 */
class SchemaScriptTests {

	private final DataSource dataSource = H2Database.create();

	@AfterEach
	void shutdown() {
		H2Database.shutdown(this.dataSource);
	}

	@ParameterizedTest
	@ValueSource(strings = { "h2", "postgresql", "mysql", "mariadb" })
	void namesEveryTableAndIndexOfTheSessionScriptAfterTheConfiguredTable(String platform) throws IOException {
		// a default index name the file spells otherwise than Django would be left as is
		String script = SchemaScript.sessionTable("app_sessions").resolve(read(sessionLocation(platform)), platform);
		assertThat(script).doesNotContain("django_session")
			.contains("CREATE TABLE IF NOT EXISTS app_sessions (")
			// python/django-index-names.txt: app_sessions expire_date
			.contains("app_sessions_expire_date_e50349c2");
	}

	@Test
	void namesThePostgresqlKeyIndexAsDjangosMigrationDoes() throws IOException {
		// sqlmigrate sessions 0001 on PostgreSQL, for django_session
		assertThat(read(sessionLocation("postgresql"))).contains(
				"CREATE INDEX IF NOT EXISTS django_session_session_key_c0390e0f_like ON django_session (session_key varchar_pattern_ops);");
	}

	@ParameterizedTest
	@ValueSource(strings = { "h2", "postgresql", "mysql", "mariadb" })
	void namesEveryTableAndIndexOfTheRegistryScriptAfterThePrefix(String platform) throws IOException {
		String location = SchemaScript.registryTables("x").getLocation(platform).substring("classpath:".length());
		String script = SchemaScript.registryTables("myschema.reg").resolve(read(location), platform);
		assertThat(script).doesNotContain("session_registry")
			.contains("CREATE TABLE IF NOT EXISTS myschema.reg (")
			.contains("CREATE TABLE IF NOT EXISTS myschema.reg_principal (")
			.contains("CREATE TABLE IF NOT EXISTS myschema.reg_revocation (")
			.contains("myschema_reg_principal_idx")
			.contains("myschema_reg_expires_at_idx")
			.contains("myschema_reg_revocation_revoked_at_idx");
	}

	@Test
	void replacesOnlyWholeNames() {
		String script = "CREATE TABLE django_session_x (a INT); -- django_session\nDROP TABLE django_session;";
		assertThat(SchemaScript.sessionTable("s").resolve(script, "h2"))
			.isEqualTo("CREATE TABLE django_session_x (a INT); -- s\nDROP TABLE s;");
	}

	@Test
	void createsTheTablesOnlyWhenMissing() {
		SchemaScript script = SchemaScript.sessionTable("app_sessions");
		assertThat(script.tablesExist(this.dataSource)).isFalse();
		assertThat(script.createIfMissing(this.dataSource)).isTrue();
		assertThat(script.tablesExist(this.dataSource)).isTrue();
		assertThat(script.createIfMissing(this.dataSource)).isFalse();
	}

	@Test
	void runsTheScriptOfATableThatExistsAsANoOp() {
		SchemaScript script = SchemaScript.registryTables("reg");
		script.createIfMissing(this.dataSource);
		new JdbcTemplate(this.dataSource).update("INSERT INTO reg_principal (principal, version) VALUES ('a', 1)");
		script.execute(this.dataSource, h2Script(script), "h2");
		assertThat(new JdbcTemplate(this.dataSource).queryForObject("SELECT version FROM reg_principal", Long.class))
			.isOne();
	}

	@Test
	void reportsAStatementThatFailsOnItsOwn() {
		EncodedResource broken = new EncodedResource(
				new ByteArrayResource("CREATE TABLE django_session (a INT);\nCREATE TABLE nope (;".getBytes()));
		assertThatExceptionOfType(ScriptException.class)
			.isThrownBy(() -> SchemaScript.sessionTable("s").execute(this.dataSource, broken, "h2"));
	}

	@Test
	void namesThePlatformAsSpringBootDoes() {
		assertThat(SchemaScript.platform(this.dataSource)).isEqualTo("h2");
		assertThat(SchemaScript.sessionTable("t").getLocation("h2"))
			.isEqualTo("classpath:io/sessionengines/engine/db/schema-h2.sql");
		assertThat(SchemaScript.sessionTable("t").getTables()).isEqualTo(List.of("t"));
		assertThat(SchemaScript.registryTables("r").getTables()).isEqualTo(List.of("r", "r_principal", "r_revocation"));
	}

	private static EncodedResource h2Script(SchemaScript script) {
		try {
			String location = script.getLocation("h2").substring("classpath:".length());
			return new EncodedResource(new ByteArrayResource(read(location).getBytes(StandardCharsets.UTF_8)));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String sessionLocation(String platform) {
		return SchemaScript.sessionTable("t").getLocation(platform).substring("classpath:".length());
	}

	private static String read(String path) throws IOException {
		try (InputStream in = SchemaScriptTests.class.getClassLoader().getResourceAsStream(path)) {
			assertThat(in).as(path).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
