/**
 * The servlet side of the session engines: the session middleware filter, the session
 * cookie, and access to a request's session.
 */
@NullMarked
package io.sessionengines.web;

import org.jspecify.annotations.NullMarked;
