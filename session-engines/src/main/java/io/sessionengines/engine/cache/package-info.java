/**
 * The {@code cache} engine and the cache stores it runs on: in-process (Caffeine) or
 * Redis; its entries are signed, or in Django's form to share sessions with a Django
 * application.
 */
@NullMarked
package io.sessionengines.engine.cache;

import org.jspecify.annotations.NullMarked;
