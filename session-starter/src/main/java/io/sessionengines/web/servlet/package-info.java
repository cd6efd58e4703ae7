/**
 * The servlet side of the session engines: the session middleware filter, the
 * {@code HttpSession} over a request's session, Spring MVC's flash attributes and
 * argument resolution, and access to a request's session.
 */
@NullMarked
package io.sessionengines.web.servlet;

import org.jspecify.annotations.NullMarked;
