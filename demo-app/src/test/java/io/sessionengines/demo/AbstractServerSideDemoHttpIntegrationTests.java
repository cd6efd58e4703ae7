package io.sessionengines.demo;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Demo API tests for the engines that store sessions on the server ({@code db},
 * {@code file}, {@code cache}, {@code cached_db}): the {@link ServerSideChecks} that the
 * reactive demo passes too, asserted on Django's signed session data as the store holds
 * it. A subclass per engine and backend says how to read its store, and implements the
 * checks of its engine family ({@link DatabaseChecks}, {@link CachedDbChecks}).
 *
 * @author Session Engines contributors
 */
abstract class AbstractServerSideDemoHttpIntegrationTests extends AbstractDemoHttpIntegrationTests
		implements ServerSideChecks, SessionTableAccess {

	@Value("${session.secret-key}")
	private String secretKey;

	@Autowired
	private ObjectProvider<JdbcTemplate> jdbc;

	@Value("${session.db.table:django_session}")
	private String table;

	private @Nullable SessionTable sessionTable;

	/**
	 * Return the table of the {@code db} and {@code cached_db} engines, read straight
	 * from the database, for the engines that keep sessions in one.
	 */
	@Override
	public SessionTable sessionTable() {
		if (this.sessionTable == null) {
			this.sessionTable = new SessionTable(this.jdbc.getObject(), this.table);
		}
		return this.sessionTable;
	}

	@Override
	public String secretKey() {
		return this.secretKey;
	}

}
