/**
 * The session engine SPI (Django's {@code SessionStore} storage contract) and what every
 * engine shares: the expiry rules and the encoding of session data (signed, or another
 * {@link io.sessionengines.engine.SessionDataFormat}).
 */
@NullMarked
package io.sessionengines.engine;

import org.jspecify.annotations.NullMarked;
