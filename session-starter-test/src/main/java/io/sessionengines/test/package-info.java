/**
 * Test support for applications that use the session starter: an in-memory session
 * engine, MockMvc request post-processors that send a request with a given session, and
 * AssertJ assertions on the session a request leaves behind.
 */
@NullMarked
package io.sessionengines.test;

import org.jspecify.annotations.NullMarked;
