package io.sessionengines.signing;

import java.time.Instant;

/**
 * The verified content of a token: the serialized object, the time it was signed and the
 * key that verified it.
 *
 * @param data the serialized object, inflated when it was compressed
 * @param signedAt the signing time, to the second
 * @param keyId the id of the key that verified the token
 * @param signingKey whether that key is the one that signs new tokens now; when it is
 * not, signing the content again moves it to the current key
 * @author Session Engines contributors
 * @since 0.1.0
 */
public record SignedPayload(byte[] data, Instant signedAt, String keyId, boolean signingKey) {

}
