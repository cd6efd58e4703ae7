package io.sessionengines.engine.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.EncodedResource;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.DatabasePopulatorUtils;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.datasource.init.ScriptException;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.util.FileCopyUtils;

/**
 * One of the {@code .sql} scripts that create the tables of the {@code db} engine and of
 * the JDBC session registry: one file per database platform, named after the platform as
 * Spring Boot's {@code @@platform@@} placeholder names it ({@code h2},
 * {@code postgresql}, {@code mysql}, {@code mariadb}), next to the classes that use the
 * tables.
 * <p>
 * A file holds the DDL of the default names, runnable as it is, and every statement does
 * nothing when its table or index exists. For other names, {@link #resolve} replaces the
 * default names of the tables and their indexes, wherever they occur as a whole word,
 * with the configured ones: for the session table, the names Django's migration gives the
 * indexes of a table of that name.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public final class SchemaScript {

	/**
	 * The placeholder of a location that stands for the platform.
	 */
	public static final String PLATFORM_PLACEHOLDER = "@@platform@@";

	/**
	 * The location of the session table's scripts.
	 */
	public static final String SESSION_TABLE_LOCATION = "classpath:io/sessionengines/engine/db/schema-"
			+ PLATFORM_PLACEHOLDER + ".sql";

	/**
	 * The location of the session registry's scripts.
	 */
	public static final String REGISTRY_TABLES_LOCATION = "classpath:io/sessionengines/registry/schema-registry-"
			+ PLATFORM_PLACEHOLDER + ".sql";

	private static final String CLASSPATH_PREFIX = "classpath:";

	private static final String REGISTRY_PREFIX = "session_registry";

	private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_]+");

	private final String location;

	private final List<String> tables;

	private final Function<String, Map<String, String>> names;

	private SchemaScript(String location, List<String> tables, Function<String, Map<String, String>> names) {
		this.location = location;
		this.tables = tables;
		this.names = names;
	}

	/**
	 * Return the script of the {@code db} engine's session table.
	 * @param table the table name, optionally qualified by a schema
	 * @return the script
	 */
	public static SchemaScript sessionTable(String table) {
		String defaultTable = JdbcSessionEngine.DEFAULT_TABLE;
		return new SchemaScript(SESSION_TABLE_LOCATION, List.of(table), (platform) -> {
			JdbcDialect dialect = JdbcDialect.forPlatform(platform);
			return Map.of(defaultTable, table, dialect.indexName(defaultTable, "expire_date", ""),
					dialect.indexName(table, "expire_date", ""),
					dialect.indexName(defaultTable, "session_key", "_like"),
					dialect.indexName(table, "session_key", "_like"));
		});
	}

	/**
	 * Return the script of the session registry's tables: {@code <prefix>},
	 * {@code <prefix>_principal} and {@code <prefix>_revocation}, whose indexes are named
	 * {@code <prefix>_<column>_idx}, with the dot of a schema-qualified prefix as an
	 * underscore.
	 * @param tablePrefix the prefix of the table names, optionally qualified by a schema
	 * @return the script
	 */
	public static SchemaScript registryTables(String tablePrefix) {
		String indexPrefix = tablePrefix.replace('.', '_');
		Map<String, String> names = Map.of(REGISTRY_PREFIX, tablePrefix, REGISTRY_PREFIX + "_principal",
				tablePrefix + "_principal", REGISTRY_PREFIX + "_revocation", tablePrefix + "_revocation",
				REGISTRY_PREFIX + "_principal_idx", indexPrefix + "_principal_idx", REGISTRY_PREFIX + "_expires_at_idx",
				indexPrefix + "_expires_at_idx", REGISTRY_PREFIX + "_revocation_revoked_at_idx",
				indexPrefix + "_revocation_revoked_at_idx");
		return new SchemaScript(REGISTRY_TABLES_LOCATION,
				List.of(tablePrefix, tablePrefix + "_principal", tablePrefix + "_revocation"), (platform) -> names);
	}

	/**
	 * Return the location of the scripts, with {@value #PLATFORM_PLACEHOLDER} for the
	 * platform.
	 * @return the location
	 */
	public String getLocation() {
		return this.location;
	}

	/**
	 * Return the location of one platform's script.
	 * @param platform the platform, as {@link #platform(DataSource)} names it
	 * @return the location
	 */
	public String getLocation(String platform) {
		return this.location.replace(PLATFORM_PLACEHOLDER, platform);
	}

	/**
	 * Return the tables the script creates.
	 * @return the table names, optionally qualified by a schema
	 */
	public List<String> getTables() {
		return this.tables;
	}

	/**
	 * Return a script with the default names of the tables and their indexes replaced by
	 * the configured ones.
	 * @param script the text of the script
	 * @param platform the platform the script runs on, whose limits on names the index
	 * names respect
	 * @return the script for the configured names
	 */
	public String resolve(String script, String platform) {
		Map<String, String> names = this.names.apply(platform);
		Matcher words = WORD.matcher(script);
		return words.replaceAll((word) -> Matcher.quoteReplacement(names.getOrDefault(word.group(), word.group())));
	}

	/**
	 * Return whether all the tables exist.
	 * @param dataSource the database
	 * @return {@code true} if they all exist
	 * @throws DataAccessException if the database cannot be reached
	 */
	public boolean tablesExist(DataSource dataSource) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		for (String table : this.tables) {
			try {
				jdbc.queryForList("SELECT 1 FROM " + table + " WHERE 1 = 0");
			}
			catch (BadSqlGrammarException ex) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Create the tables and their indexes with this package's script for the database,
	 * unless all the tables exist. Instances that start at once may all call it.
	 * @param dataSource the database
	 * @return whether a table was missing
	 */
	public boolean createIfMissing(DataSource dataSource) {
		if (tablesExist(dataSource)) {
			return false;
		}
		String platform = platform(dataSource);
		String path = getLocation(platform).substring(CLASSPATH_PREFIX.length());
		execute(dataSource, new EncodedResource(new ClassPathResource(path), StandardCharsets.UTF_8), platform);
		return true;
	}

	/**
	 * Run a script with the configured names. Instances that start at once may all run
	 * it: on PostgreSQL, a {@code CREATE ... IF NOT EXISTS} that races another one's can
	 * fail (a duplicate catalog row), as can one on H2; once the other committed, it does
	 * nothing. So a script that fails is run again, first skipping the statements that
	 * fail, which leaves every object created by this run or a concurrent one, then once
	 * more, where only a statement that fails on its own fails.
	 * @param dataSource the database
	 * @param script the script
	 * @param platform the platform of the database
	 * @throws ScriptException if a statement fails when no other instance creates the
	 * tables
	 */
	public void execute(DataSource dataSource, EncodedResource script, String platform) {
		String text;
		try {
			text = FileCopyUtils.copyToString(script.getReader());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Unable to read " + script.getResource().getDescription(), ex);
		}
		ByteArrayResource resolved = new ByteArrayResource(resolve(text, platform).getBytes(StandardCharsets.UTF_8),
				script.getResource().getDescription());
		try {
			run(dataSource, resolved, false);
		}
		catch (ScriptException ex) {
			run(dataSource, resolved, true);
			run(dataSource, resolved, false);
		}
	}

	private static void run(DataSource dataSource, ByteArrayResource script, boolean continueOnError) {
		ResourceDatabasePopulator populator = new ResourceDatabasePopulator(script);
		populator.setSqlScriptEncoding(StandardCharsets.UTF_8.name());
		populator.setContinueOnError(continueOnError);
		DatabasePopulatorUtils.execute(populator, dataSource);
	}

	/**
	 * Return the platform of a database, as the scripts' names and Spring Boot's
	 * {@code @@platform@@} name it.
	 * @param dataSource the database
	 * @return {@code h2}, {@code postgresql}, {@code mysql} or {@code mariadb}
	 * @throws DataAccessResourceFailureException if the database cannot be reached
	 * @throws IllegalStateException if the database is none of these
	 */
	public static String platform(DataSource dataSource) {
		String[] product;
		try {
			product = JdbcUtils.extractDatabaseMetaData(dataSource, (metaData) -> new String[] {
					metaData.getDatabaseProductName(), metaData.getDatabaseProductVersion() });
		}
		catch (MetaDataAccessException ex) {
			throw new DataAccessResourceFailureException("Unable to read which database the session tables live in",
					ex);
		}
		String name = product[0].toLowerCase(Locale.ROOT);
		if (name.contains("h2")) {
			return "h2";
		}
		if (name.contains("postgres")) {
			return "postgresql";
		}
		// MySQL's driver calls MariaDB "MySQL", with a version such as
		// 5.5.5-10.11.6-MariaDB
		if (name.contains("mariadb") || product[1].toLowerCase(Locale.ROOT).contains("mariadb")) {
			return "mariadb";
		}
		if (name.contains("mysql")) {
			return "mysql";
		}
		throw new IllegalStateException(
				"Session tables are supported on H2, PostgreSQL, MySQL and MariaDB, not on " + product[0]);
	}

}
