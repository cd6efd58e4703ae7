/**
 * Session events: Spring application events when a session is created and destroyed,
 * bridged to the application's {@code HttpSessionListener}s.
 */
@NullMarked
package io.sessionengines.events;

import org.jspecify.annotations.NullMarked;
