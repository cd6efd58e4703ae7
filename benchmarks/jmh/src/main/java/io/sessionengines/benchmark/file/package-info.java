/**
 * A scripted run of the {@code file} engine with a million sessions, beside the JMH
 * benchmarks.
 */
@NullMarked
package io.sessionengines.benchmark.file;

import org.jspecify.annotations.NullMarked;
