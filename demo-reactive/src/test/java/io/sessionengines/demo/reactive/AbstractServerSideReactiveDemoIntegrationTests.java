package io.sessionengines.demo.reactive;

import io.sessionengines.demo.ServerSideChecks;
import io.sessionengines.demo.SessionTable;
import io.sessionengines.demo.SessionTableAccess;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The reactive demo's tests for the engines that keep sessions on the server ({@code db},
 * {@code file}, {@code cache}, {@code cached_db}): the {@link ServerSideChecks}, asserted
 * on Django's signed session data as the store holds it. A subclass per engine and
 * backend says how to read its store, and implements the checks of its engine family
 * ({@code DatabaseChecks}, {@code CachedDbChecks}).
 *
 * @author Session Engines contributors
 */
abstract class AbstractServerSideReactiveDemoIntegrationTests extends AbstractReactiveDemoIntegrationTests
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
