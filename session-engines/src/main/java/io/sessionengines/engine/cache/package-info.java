/**
 * The {@code cache} engine and the cache stores it runs on: in-process (Caffeine) or
 * Redis.
 */
@NullMarked
package io.sessionengines.engine.cache;

import org.jspecify.annotations.NullMarked;
