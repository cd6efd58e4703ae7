/**
 * JMH benchmarks of the engines, the session middleware filter and signing.
 */
@NullMarked
package io.sessionengines.benchmark.jmh;

import org.jspecify.annotations.NullMarked;
