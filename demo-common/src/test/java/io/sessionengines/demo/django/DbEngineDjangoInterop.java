package io.sessionengines.demo.django;

/**
 * Sessions shared with Django on the {@code db} engine: both applications use Django's
 * {@code django_session} table, made by Django's migrations, in PostgreSQL.
 *
 * @author Session Engines contributors
 */
public abstract class DbEngineDjangoInterop extends DjangoInteropSuite implements DjangoPurgeChecks {

	@Override
	String engine() {
		return "db";
	}

	@Override
	public boolean isStored(String key) {
		Integer rows = database().jdbc()
			.queryForObject("SELECT count(*) FROM django_session WHERE session_key = ?", Integer.class, key);
		return rows != null && rows > 0;
	}

}
