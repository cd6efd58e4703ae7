/**
 * The {@code cached_db} engine: the {@code db} engine with a cache in front.
 */
@NullMarked
package io.sessionengines.engine.cacheddb;

import org.jspecify.annotations.NullMarked;
