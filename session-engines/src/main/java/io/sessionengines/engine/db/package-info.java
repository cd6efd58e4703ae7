/**
 * The {@code db} engine: one row per session in a table shaped like Django's
 * {@code django_session}, through spring-jdbc.
 */
@NullMarked
package io.sessionengines.engine.db;

import org.jspecify.annotations.NullMarked;
