package io.sessionengines.registry;

import java.util.function.Supplier;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.sessionengines.testsupport.TestBackends;

/**
 * The registry's tables of one test class on a shared database server: a prefix of their
 * own, the server's pool, a second pool as a second instance of the application reaches
 * the database, and the clean-up afterwards.
 *
 * @author Session Engines contributors
 */
final class ServerRegistryTables {

	private final Supplier<DataSource> server;

	private final String prefix = TestBackends.uniqueName("registry_it");

	private DataSource database;

	private HikariDataSource secondDatabase;

	/**
	 * Create the tables' handle; nothing is reached until the first test asks.
	 * @param server the database server, as {@link TestBackends} reaches it
	 */
	ServerRegistryTables(Supplier<DataSource> server) {
		this.server = server;
	}

	synchronized DataSource database() {
		if (this.database == null) {
			this.database = this.server.get();
		}
		return this.database;
	}

	synchronized DataSource secondDatabase() {
		if (this.secondDatabase == null) {
			this.secondDatabase = AbstractJdbcSessionRegistryStoreTests.anotherPool(database());
		}
		return this.secondDatabase;
	}

	String prefix() {
		return this.prefix;
	}

	/**
	 * Close the second pool and drop the tables.
	 */
	synchronized void dropTables() {
		if (this.secondDatabase != null) {
			this.secondDatabase.close();
		}
		if (this.database != null) {
			AbstractJdbcSessionRegistryStoreTests.dropTables(this.database, this.prefix);
		}
	}

}
