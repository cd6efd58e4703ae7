package io.sessionengines.registry;

import java.time.Instant;

/**
 * An ended signed-cookie session: a cookie that carries its id is refused until
 * {@link #until()}, after which no cookie of it can be valid anyway.
 *
 * @param id the session's registry id
 * @param until when the revocation may be forgotten
 * @author Session Engines contributors
 * @since 0.3.0
 */
public record Revocation(String id, Instant until) {

}
