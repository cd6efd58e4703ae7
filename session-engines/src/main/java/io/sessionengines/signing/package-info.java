/**
 * Django's signing format ({@code django.core.signing}): timestamped, salted HMAC-SHA256
 * tokens.
 */
@NullMarked
package io.sessionengines.signing;

import org.jspecify.annotations.NullMarked;
