/**
 * Values and helpers the contract tests share: hostile and typed session values.
 */
@NullMarked
package io.sessionengines.testsupport;

import org.jspecify.annotations.NullMarked;
