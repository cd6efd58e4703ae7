/**
 * What the demo applications share, whichever their web stack: the session operations of
 * the demo API, the controllers that only use the session, and the {@code clearsessions}
 * command.
 */
@NullMarked
package io.sessionengines.demo;

import org.jspecify.annotations.NullMarked;
