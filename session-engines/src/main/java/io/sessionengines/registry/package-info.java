/**
 * A registry of each user's live sessions on every engine: listing them, ending one, the
 * others or all, concurrent-session limits, and the revocation of signed-cookie sessions.
 */
@NullMarked
package io.sessionengines.registry;

import org.jspecify.annotations.NullMarked;
