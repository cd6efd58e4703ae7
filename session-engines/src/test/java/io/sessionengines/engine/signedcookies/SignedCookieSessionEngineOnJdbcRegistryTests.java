package io.sessionengines.engine.signedcookies;

import javax.sql.DataSource;

import io.sessionengines.engine.MutableClock;
import io.sessionengines.engine.db.H2Database;
import io.sessionengines.registry.JdbcSessionRegistryStore;
import io.sessionengines.registry.SessionRegistryStore;
import org.junit.jupiter.api.AfterEach;

/**
 * The {@code signed_cookies} engine with its registry and revocations in a database
 * ({@code session.registry.store=jdbc}), as several instances share them: the engine
 * contract again, the registry's included, with a second instance on its own store
 * object.
 *
 * @author Session Engines contributors
 */
class SignedCookieSessionEngineOnJdbcRegistryTests extends SignedCookieSessionEngineTests {

	private DataSource database;

	@Override
	protected SessionRegistryStore createRegistryStore(MutableClock clock) {
		if (this.database == null) {
			this.database = H2Database.create();
		}
		JdbcSessionRegistryStore store = new JdbcSessionRegistryStore(this.database, clock);
		store.createTablesIfMissing();
		return store;
	}

	@Override
	protected SessionRegistryStore createSecondRegistryStore(MutableClock clock, SessionRegistryStore first) {
		return new JdbcSessionRegistryStore(this.database, clock);
	}

	@AfterEach
	void shutDownDatabase() {
		if (this.database != null) {
			H2Database.shutdown(this.database);
			this.database = null;
		}
	}

}
