/**
 * Auto-configuration for the session engines.
 */
@NullMarked
package io.sessionengines.autoconfigure;

import org.jspecify.annotations.NullMarked;
