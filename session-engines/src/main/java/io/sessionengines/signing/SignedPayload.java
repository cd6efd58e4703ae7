package io.sessionengines.signing;

import java.time.Instant;

/**
 * The verified content of a token: the serialized object and the time it was signed.
 *
 * @param data the serialized object, inflated when it was compressed
 * @param signedAt the signing time, to the second
 * @author Session Engines contributors
 * @since 0.1.0
 */
public record SignedPayload(byte[] data, Instant signedAt) {

}
