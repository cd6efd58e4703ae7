/**
 * Production support for the session engines: metrics, health and an actuator endpoint.
 */
@NullMarked
package io.sessionengines.actuate;

import org.jspecify.annotations.NullMarked;
