/**
 * Serializers that turn session data into bytes and back (Django's
 * {@code SESSION_SERIALIZER}).
 */
@NullMarked
package io.sessionengines.serializer;

import org.jspecify.annotations.NullMarked;
