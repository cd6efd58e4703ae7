package io.sessionengines.autoconfigure;

import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import io.sessionengines.autoconfigure.SessionEngineProperties.SchemaInitialization;
import io.sessionengines.engine.db.SchemaScript;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.EncodedResource;
import org.springframework.dao.DataAccessException;
import org.springframework.util.Assert;

/**
 * Runs a {@link SchemaScript} at start-up as Spring Boot's database initialization runs
 * scripts, so that the beans that depend on database initialization (the session engine
 * and the registry's store among them) are created after it: with
 * {@code session.db.initialize-schema=embedded} on an embedded database only, with
 * {@code always} on every database, never with {@code never}. The script's location may
 * hold {@code @@platform@@}, resolved when the script runs.
 * <p>
 * When it does not run the script, it checks once that the tables exist, so that a
 * missing table fails start-up with the script to run instead of failing every request; a
 * database that cannot be reached is left to the store's outage handling, with a warning.
 *
 * @author Session Engines contributors
 */
final class SessionSchemaInitializer extends DataSourceScriptDatabaseInitializer {

	private static final Log logger = LogFactory.getLog(SessionSchemaInitializer.class);

	private static final String PROPERTY = "session.db.initialize-schema";

	private final DatabaseInitializationSettings settings;

	private final SchemaScript script;

	private final String location;

	private final String tables;

	private @Nullable String platform;

	/**
	 * Create an initializer.
	 * @param dataSource the database
	 * @param script the script, which names the tables
	 * @param location the script's location, which may hold {@code @@platform@@}
	 * @param mode when to run it
	 * @param tables the tables, as the messages name them after "the", such as
	 * {@code session table 'django_session'}
	 */
	SessionSchemaInitializer(DataSource dataSource, SchemaScript script, String location, SchemaInitialization mode,
			String tables) {
		this(dataSource, settings(mode), script, location, tables);
	}

	private SessionSchemaInitializer(DataSource dataSource, DatabaseInitializationSettings settings,
			SchemaScript script, String location, String tables) {
		super(dataSource, settings);
		this.settings = settings;
		this.script = script;
		this.location = location;
		this.tables = tables;
	}

	private static DatabaseInitializationSettings settings(SchemaInitialization mode) {
		DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
		settings.setMode(DatabaseInitializationMode.valueOf(mode.name()));
		return settings;
	}

	@Override
	public boolean initializeDatabase() {
		if (!runsScript()) {
			checkTablesExist();
			return false;
		}
		String platform;
		try {
			platform = SchemaScript.platform(getDataSource());
		}
		catch (DataAccessException ex) {
			logger.warn("Unable to create the " + this.tables + " at start-up, the database cannot be reached: "
					+ ex.getMessage());
			return false;
		}
		this.platform = platform;
		this.settings.setSchemaLocations(List.of(this.location.replace(SchemaScript.PLATFORM_PLACEHOLDER, platform)));
		return super.initializeDatabase();
	}

	private boolean runsScript() {
		return switch (this.settings.getMode()) {
			case ALWAYS -> true;
			case EMBEDDED -> isEmbeddedDatabase();
			case NEVER -> false;
		};
	}

	@Override
	protected void runScripts(Scripts scripts) {
		String platform = this.platform;
		Assert.state(platform != null, "The platform is resolved before the scripts run");
		for (Resource resource : scripts) {
			this.script.execute(getDataSource(), new EncodedResource(resource, scripts.getEncoding()), platform);
		}
	}

	private void checkTablesExist() {
		String databasePlatform;
		try {
			if (this.script.tablesExist(getDataSource())) {
				return;
			}
			databasePlatform = SchemaScript.platform(getDataSource());
		}
		catch (DataAccessException ex) {
			logger.warn("Unable to check for the " + this.tables + " at start-up, the database cannot be reached: "
					+ ex.getMessage());
			return;
		}
		String mode = this.settings.getMode().name().toLowerCase(Locale.ROOT);
		throw new SessionConfigurationException(
				"The database has no " + this.tables + ", and " + PROPERTY + "=" + mode
						+ ((this.settings.getMode() == DatabaseInitializationMode.EMBEDDED)
								? " creates tables only on an embedded database, which this " + databasePlatform
										+ " database is not."
								: " creates no tables."),
				"Set " + PROPERTY + "=always to create the tables at start-up, or create them before the application "
						+ "starts: run the script "
						+ this.location.replace(SchemaScript.PLATFORM_PLACEHOLDER, databasePlatform)
						+ " (written for the default names), or, for the session table, Django's migrate.");
	}

}
