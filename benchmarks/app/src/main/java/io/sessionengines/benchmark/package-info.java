/**
 * The application the HTTP benchmarks load: one endpoint that counts visits in the
 * session.
 */
@NullMarked
package io.sessionengines.benchmark;

import org.jspecify.annotations.NullMarked;
