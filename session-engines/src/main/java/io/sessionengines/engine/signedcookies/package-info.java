/**
 * The {@code signed_cookies} engine: the whole session, signed, in the cookie.
 */
@NullMarked
package io.sessionengines.engine.signedcookies;

import org.jspecify.annotations.NullMarked;
