package io.sessionengines.engine.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;

/**
 * Private in-memory H2 databases for tests.
 *
 * @author Session Engines contributors
 */
public final class H2Database {

	private H2Database() {
	}

	/**
	 * Create a new, empty in-memory database that lives until {@link #shutdown}.
	 * @return its data source
	 */
	public static DataSource create() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:sessions-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		return dataSource;
	}

	/**
	 * Drop an in-memory database made by {@link #create()}.
	 * @param dataSource its data source
	 */
	public static void shutdown(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("SHUTDOWN");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Unable to shut the database down", ex);
		}
	}

}
