/**
 * The session engines under Spring WebFlux: a {@code WebSessionManager} that binds a
 * request's session when it is first asked for and commits it before the response
 * commits, the {@code WebSession} view of it, and {@code Session} controller parameters.
 * Engine calls run on a scheduler for blocking work, never on an event-loop thread.
 */
@NullMarked
package io.sessionengines.web.reactive;

import org.jspecify.annotations.NullMarked;
