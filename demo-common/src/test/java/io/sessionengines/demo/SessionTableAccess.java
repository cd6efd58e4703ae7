package io.sessionengines.demo;

/**
 * A test of an engine that keeps sessions in a database table, with access to that table.
 *
 * @author Session Engines contributors
 */
public interface SessionTableAccess {

	/**
	 * Return the engine's table, read straight from the database.
	 * @return the table
	 */
	SessionTable sessionTable();

}
