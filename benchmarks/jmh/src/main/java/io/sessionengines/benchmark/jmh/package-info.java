/**
 * JMH benchmarks of the engines, the session middleware filter and signing. Not
 * null-marked: JMH sets the benchmarks' {@code @Param} fields and their state in
 * {@code @Setup} methods, which NullAway cannot follow.
 */
package io.sessionengines.benchmark.jmh;
