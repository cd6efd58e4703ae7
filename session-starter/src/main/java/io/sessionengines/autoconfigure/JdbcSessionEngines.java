package io.sessionengines.autoconfigure;

import javax.sql.DataSource;

import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.db.JdbcSessionEngine;

/**
 * Builds the {@link JdbcSessionEngine} that the {@code db} and {@code cached_db} engines
 * store sessions with, so that neither engine's configuration calls the other's.
 *
 * @author Session Engines contributors
 */
final class JdbcSessionEngines {

	private JdbcSessionEngines() {
	}

	/**
	 * Return an engine on the given data source and {@code session.db.table}, whose table
	 * {@link JdbcSessionSchemaConfiguration} creates or checks before.
	 * @param dataSource the data source
	 * @param properties the properties
	 * @param codec the codec of the stored data
	 * @param expiry the expiry rules
	 * @return the engine
	 */
	static JdbcSessionEngine create(DataSource dataSource, SessionEngineProperties properties, SessionCodec codec,
			SessionExpiry expiry) {
		return new JdbcSessionEngine(dataSource, codec, expiry, properties.getDb().getTable());
	}

}
