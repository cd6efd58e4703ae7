/**
 * The request-scoped session with Django's {@code SessionBase} semantics, and the factory
 * that opens one per request.
 */
@NullMarked
package io.sessionengines.session;

import org.jspecify.annotations.NullMarked;
