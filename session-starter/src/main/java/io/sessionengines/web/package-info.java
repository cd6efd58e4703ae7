/**
 * The web side of the session engines, whatever the web stack: the session middleware's
 * decision (Django's {@code process_response}), the request's bound session, the session
 * cookie's headers, and the failures that decide a response.
 */
@NullMarked
package io.sessionengines.web;

import org.jspecify.annotations.NullMarked;
