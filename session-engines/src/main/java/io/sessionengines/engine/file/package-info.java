/**
 * The {@code file} engine: one file per session in a directory.
 */
@NullMarked
package io.sessionengines.engine.file;

import org.jspecify.annotations.NullMarked;
