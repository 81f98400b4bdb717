package dev.herald.evidence.tsa;

/**
 * An RFC 3161 time-stamp authority seen as a byte function: DER {@code TimeStampReq} in, DER
 * {@code TimeStampResp} out. This is what an HTTP host puts behind {@code POST /tsa}
 * ({@code application/timestamp-query} in, {@code application/timestamp-reply} out).
 *
 * <p>Contract: never throws for a bad request; a malformed or unacceptable request yields a
 * response with status {@code rejection} and the matching {@code PKIFailureInfo} bit. Thread-safe.
 */
@FunctionalInterface
public interface TimestampAuthority {
    byte[] respond(byte[] timeStampRequestDer);
}
