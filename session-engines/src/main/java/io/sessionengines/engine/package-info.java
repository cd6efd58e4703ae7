/**
 * The session engine SPI (Django's {@code SessionStore} storage contract) and what every
 * engine shares: the expiry rules and the signed encoding of session data.
 */
@NullMarked
package io.sessionengines.engine;

import org.jspecify.annotations.NullMarked;
