/**
 * Spring Security on the registry of each user's sessions: a {@code SessionRegistry}, so
 * that concurrent-session control works on every engine and across instances, atomically;
 * and the user a session is logged in as, read from its security context.
 */
@NullMarked
package io.sessionengines.security;

import org.jspecify.annotations.NullMarked;
